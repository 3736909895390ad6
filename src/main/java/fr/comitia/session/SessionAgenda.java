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

  /** The element of an item that puts the previous session's minutes to the vote: this prefix and that session's id. */
  static final String MINUTES_ITEM = "minutes:";

  /**
   * What {@code recordVote} iterates on ({@code agendaItem}): the minutes of the body's previous
   * session when not yet approved (L2121-15), then each deliberation of the agenda in order.
   */
  public List<String> voteItems(DelegateExecution execution) {
    // A sequential multi-instance evaluates its collection again at each item: the items are fixed
    // once, when the votes begin (the approval of the minutes must not shift the agenda).
    Object fixed = execution.getVariable(SessionVariables.VOTE_ITEMS);
    if (fixed instanceof String items) {
      return items.isEmpty() ? List.of() : List.of(items.split(","));
    }
    List<String> items = sessions.voteItems(execution.getProcessBusinessKey());
    execution.getProcessInstance().setVariable(SessionVariables.VOTE_ITEMS, String.join(",", items));
    return items;
  }

  /** The session whose minutes an item puts to the vote, or null for a deliberation. */
  public static String minutesOf(String agendaItem) {
    return agendaItem != null && agendaItem.startsWith(MINUTES_ITEM) ? agendaItem.substring(MINUTES_ITEM.length())
        : null;
  }

  /** The task name « Vote : … » of an item. */
  public String title(String agendaItem) {
    String minutes = minutesOf(agendaItem);
    return minutes != null ? sessions.minutesItemTitle(minutes) : object(agendaItem);
  }

  /** The object of an item, for the task name « Vote : … ». */
  public String object(String deliberationId) {
    return deliberations.objectOf(deliberationId).orElse(deliberationId);
  }
}
