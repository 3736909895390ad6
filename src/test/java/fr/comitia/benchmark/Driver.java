package fr.comitia.benchmark;

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

  /** Completes the task as {@code user}, retried if an optimistic lock refuses it (as a client would). */
  void complete(String user, String businessKey, String taskKey, Map<String, Object> variables) {
    Parallel.retrying(() -> {
      Task task = task(businessKey, taskKey);
      as(user, () -> tasks.complete(task.getId(), variables));
      return null;
    });
  }
}
