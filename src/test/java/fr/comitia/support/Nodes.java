package fr.comitia.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;

import java.util.Map;

/**
 * For the tests that start and stop Comitia themselves (a restart, a node that dies): tasks completed
 * and jobs run through the engine's services of that application, as its users and job executor would.
 */
public final class Nodes {

  private Nodes() {}

  /** Completes task {@code taskKey} of business key {@code key} as {@code user} (with that user's groups). */
  public static void complete(ApplicationContext app, String user, String key, String taskKey,
      Map<String, Object> variables) {
    TaskService tasks = app.getBean(TaskService.class);
    IdentityService identity = app.getBean(IdentityService.class);
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(taskKey).singleResult();
    identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).toList());
    try {
      tasks.complete(task.getId(), variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Runs the executable jobs of that application until none is left. */
  public static void runJobs(ApplicationContext app) {
    ManagementService jobs = app.getBean(ManagementService.class);
    for (int round = 0; round < 50; round++) {
      var executable = jobs.createJobQuery().executable().list();
      if (executable.isEmpty()) {
        return;
      }
      executable.forEach(j -> jobs.executeJob(j.getId()));
    }
    throw new IllegalStateException("Jobs keep coming after 50 rounds");
  }
}
