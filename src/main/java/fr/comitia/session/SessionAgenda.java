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
  private final SubstituteNotices substitutes;

  SessionAgenda(SessionService sessions, DeliberationService deliberations, SubstituteNotices substitutes) {
    this.sessions = sessions;
    this.deliberations = deliberations;
    this.substitutes = substitutes;
  }

  /** The members in office, then (rule {@code substituteNotice} CONVOKED) their substitutes: one convocation each. */
  public List<String> convokedMembers(DelegateExecution execution) {
    String sessionId = execution.getProcessBusinessKey();
    List<String> members = sessions.convokedMembers(sessionId);
    List<String> convoked = substitutes.convoked(sessions.body(sessions.row(sessionId).orElseThrow()), members);
    if (convoked.isEmpty()) {
      return members;
    }
    List<String> all = new java.util.ArrayList<>(members);
    all.addAll(convoked);
    return all;
  }

  public List<String> deliberationIds(DelegateExecution execution) {
    return sessions.agenda(execution.getProcessBusinessKey());
  }

  /** The object of an item, for the task name « Vote : … ». */
  public String object(String deliberationId) {
    return deliberations.objectOf(deliberationId).orElse(deliberationId);
  }
}
