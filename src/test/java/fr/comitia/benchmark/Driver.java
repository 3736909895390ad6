package fr.comitia.benchmark;

import fr.comitia.session.SessionVariables;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;

/**
 * Acts as the REST API does once a request is authenticated: the user and their groups (looked up
 * at each call, as {@code EngineAuthenticationFilter} does) become the engine's authentication, so that
 * Camunda's authorizations apply, then the service or {@code TaskService.complete} is called (what
 * {@code /engine-rest/task/{id}/complete} calls). HTTP, JSON and the password check are not included.
 */
final class Driver {

  private final IdentityService identity;
  private final TaskService tasks;

  Driver(IdentityService identity, TaskService tasks) {
    this.identity = identity;
    this.tasks = tasks;
  }

  <T> T as(String user, Supplier<T> action) {
    List<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identity.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  void as(String user, Runnable action) {
    as(user, () -> {
      action.run();
      return null;
    });
  }

  /** The one open task {@code taskKey} of the process instance of that business key. */
  Task task(String businessKey, String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
        .singleResult();
    if (task == null) {
      throw new IllegalStateException("No open task " + taskKey + " for " + businessKey);
    }
    return task;
  }

  /** Whether the process instance of that business key has an open task {@code taskKey}. */
  boolean has(String businessKey, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).count() > 0;
  }

  /**
   * Records every vote of a session, all for: its agenda's items and, first, the approval of the
   * body's previous minutes when they are not yet approved (Comitia's recordVote iterates on both).
   */
  int voteAll(String businessKey, int membersFor) {
    int votes = 0;
    while (has(businessKey, SessionVariables.TASK_RECORD_VOTE)) {
      complete("secretariat", businessKey, SessionVariables.TASK_RECORD_VOTE, Map.of(SessionVariables.VOTES_FOR,
          membersFor, SessionVariables.VOTES_AGAINST, 0, "abstentions", 0, "notParticipating", 0,
          "secretBallot", false));
      votes++;
    }
    return votes;
  }

  /** Completes the task as {@code user}, retried if an optimistic lock refuses it (as a client would). */
  void complete(String user, String businessKey, String taskKey, Map<String, Object> variables) {
    Parallel.retrying(() -> {
      Task task = task(businessKey, taskKey);
      as(user, () -> tasks.complete(task.getId(), variables));
      return null;
    });
  }
}
