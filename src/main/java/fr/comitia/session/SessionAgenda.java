package fr.comitia.session;

import fr.comitia.deliberation.DeliberationService;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** What process {@code session} iterates on: the members convoked and the items of the agenda. */
@Component("sessionAgenda")
public class SessionAgenda {

  private final SessionService sessions;
  private final DeliberationService deliberations;

  SessionAgenda(SessionService sessions, DeliberationService deliberations) {
    this.sessions = sessions;
    this.deliberations = deliberations;
  }

  public List<String> convokedMembers(DelegateExecution execution) {
    return sessions.convokedMembers(execution.getProcessBusinessKey());
  }

  public List<String> deliberationIds(DelegateExecution execution) {
    return sessions.agenda(execution.getProcessBusinessKey());
  }

  /** The object of an item, for the task name « Vote : … ». */
  public String object(String deliberationId) {
    return deliberations.objectOf(deliberationId).orElse(deliberationId);
  }
}
