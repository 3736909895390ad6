package fr.comitia.platform;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who acts: the authenticated user of the request (REST, Tasklist), else the task's assignee. */
@Component
public class Actors {

  private final IdentityService identityService;

  Actors(IdentityService identityService) {
    this.identityService = identityService;
  }

  public String current(DelegateTask task) {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    return task == null ? null : task.getAssignee();
  }

  public String current() {
    return current(null);
  }
}
