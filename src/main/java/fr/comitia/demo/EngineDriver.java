package fr.comitia.demo;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Drives the engine as its users would: completes tasks as a given user, runs the jobs due on the engine's clock. */
@Component
class EngineDriver {

  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;

  EngineDriver(TaskService tasks, ManagementService management, IdentityService identity) {
    this.tasks = tasks;
    this.management = management;
    this.identity = identity;
  }

  /** Completes the one open task {@code taskKey} of the process of {@code businessKey}, as {@code userId}. */
  void complete(String userId, String businessKey, String taskKey, Map<String, Object> variables) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
        .singleResult();
    if (task == null) {
      throw new IllegalStateException("Aucune tâche « " + taskKey + " » ouverte pour « " + businessKey + " ».");
    }
    as(userId, () -> tasks.complete(task.getId(), variables));
  }

  /** Runs {@code work} authenticated as {@code userId} with their groups. */
  void as(String userId, Runnable work) {
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    identity.setAuthentication(userId, groups);
    try {
      work.run();
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Sets the engine's clock (frozen there until {@link ClockUtil#reset()}). */
  static void clockAt(String isoDateTime) {
    ClockUtil.setCurrentTime(Date.from(java.time.OffsetDateTime.parse(isoDateTime).toInstant()));
  }

  /** Runs the jobs due now, continuations first, then timers, until none is left; returns how many. */
  int runDueJobs() {
    int executed = 0;
    for (int round = 0; round < 100; round++) {
      List<Job> jobs = new ArrayList<>(management.createJobQuery().executable().messages().list());
      if (jobs.isEmpty()) {
        jobs.addAll(management.createJobQuery().executable().timers().list());
      }
      if (jobs.isEmpty()) {
        return executed;
      }
      for (Job job : jobs) {
        if (management.createJobQuery().jobId(job.getId()).count() > 0) {
          management.executeJob(job.getId());
          executed++;
        }
      }
    }
    throw new IllegalStateException("Des jobs arrivent encore après 100 tours.");
  }

  /** Moves the clock minute by minute, running the due jobs, while a timer of {@code activityId} waits; at most {@code max}. */
  void passMinutesWhile(String activityId, int max) {
    runDueJobs();
    for (int minute = 0; management.createJobQuery().timers().activityId(activityId).count() > 0; minute++) {
      if (minute >= max) {
        throw new IllegalStateException("« " + activityId + " » attend encore après " + max + " minutes.");
      }
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
      runDueJobs();
    }
  }
}
