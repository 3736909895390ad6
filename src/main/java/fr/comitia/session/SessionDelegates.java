package fr.comitia.session;

import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.VoteChoice;

import fr.comitia.register.QuorumJudgement;

import static fr.comitia.session.SessionVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import fr.comitia.platform.Actors;
import fr.comitia.platform.InputLimits;
import fr.comitia.platform.Variables;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** The small adapters between process {@code session} and {@link SessionService}. */
final class SessionDelegates {

  private SessionDelegates() {}

  static String id(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  static String id(DelegateTask task) {
    return task.getExecution().getProcessBusinessKey();
  }

  @Component("registerSessionDelegate")
  static class RegisterSessionDelegate implements JavaDelegate {
    private final SessionService service;

    RegisterSessionDelegate(SessionService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String date = SessionService.parseDate(Variables.string(execution, SESSION_DATE), SESSION_DATE).toString();
      execution.setVariable(SESSION_DATE, date);
      execution.setProcessBusinessKey(service.register(execution.getProcessBusinessKey(),
          Variables.string(execution, BODY_ID), date, Variables.string(execution, PLACE),
          execution.getProcessInstanceId()));
      execution.setVariable(QUORUM_REQUIRED, true);
    }
  }

  @Component("buildAgendaListener")
  static class BuildAgendaListener implements TaskListener {
    private final SessionService service;

    BuildAgendaListener(SessionService service) {
      this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
      JsonNode agenda = Variables.json(task, AGENDA);
      List<String> ids = new ArrayList<>();
      if (agenda != null && !agenda.isArray()) {
        throw Variables.refusal(AGENDA, "« agenda » doit être une liste d'identifiants de délibérations.");
      }
      if (agenda != null && agenda.size() > InputLimits.AGENDA) {
        throw Variables.refusal(AGENDA, "L'ordre du jour compte au plus " + InputLimits.AGENDA + " points (reçu : "
            + agenda.size() + ").");
      }
      if (agenda != null) {
        agenda.forEach(n -> ids.add(n.isObject() && n.has("id") ? n.get("id").asText() : n.asText()));
      }
      service.buildAgenda(id(task), ids);
    }
  }

  @Component("signConvocationListener")
  static class SignConvocationListener implements TaskListener {
    private final SessionService service;
    private final Actors actors;

    SignConvocationListener(SessionService service, Actors actors) {
      this.service = service;
      this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
      boolean urgent = Boolean.TRUE.equals(Variables.bool(task, URGENT));
      String reason = Variables.string(task, URGENCY_REASON, "Le motif de l'urgence (urgencyReason)",
          InputLimits.URGENCY_REASON);
      service.signConvocation(id(task), urgent, reason, actors.current(task));
    }
  }

  @Component("scheduleItemsDelegate")
  static class ScheduleItemsDelegate implements JavaDelegate {
    private final SessionService service;

    ScheduleItemsDelegate(SessionService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.scheduleItems(id(execution));
    }
  }

  /** One member's convocation, in its own job (retried R5/PT5M, then an incident in Cockpit). */
  @Component("sendConvocationDelegate")
  static class SendConvocationDelegate implements JavaDelegate {
    private final ConvocationMailer mailer;

    SendConvocationDelegate(ConvocationMailer mailer) {
      this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
      mailer.send(id(execution), Variables.string(execution, MEMBER_ID));
    }
  }

  /** The roll call opens pre-filled: every member present, except those who declared otherwise. */
  @Component("rollCallPrefillListener")
  static class RollCallPrefillListener implements TaskListener {
    private final ProxyService proxies;

    RollCallPrefillListener(ProxyService proxies) {
      this.proxies = proxies;
    }

    @Override
    public void notify(DelegateTask task) {
      task.getExecution().getProcessInstance().setVariable(ATTENDANCE,
          org.camunda.spin.plugin.variable.SpinValues.jsonValue(
              org.camunda.spin.Spin.JSON(proxies.prefill(id(task))).toString()).create());
    }
  }

  /** « Faire l'appel » : one status per member in office, proxies checked by the regime of the day. */
  @Component("rollCallListener")
  static class RollCallListener implements TaskListener {
    private final SessionService service;

    RollCallListener(SessionService service) {
      this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
      JsonNode attendance = Variables.json(task, ATTENDANCE);
      List<AttendanceEntry> entries = SessionChecks.attendance(attendance);
      Map<String, Object> dmn = service.rollCall(id(task), entries,
          Variables.string(task, PRESIDING_MEMBER_ID), Variables.string(task, SESSION_SECRETARY_ID));
      task.getExecution().getProcessInstance().setVariables(dmn);
    }
  }

  /** Keeps what DMN {@code quorum} decided, with the rule and the figures. */
  @Component("recordQuorumDelegate")
  static class RecordQuorumDelegate implements JavaDelegate {
    private final SessionService service;

    RecordQuorumDelegate(SessionService service) {
      this.service = service;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
      Map<String, Object> decision = (Map<String, Object>) execution.getVariable(QUORUM_RESULT);
      QuorumJudgement judgement = service.recordQuorum(id(execution), decision,
          Variables.integer(execution, IN_OFFICE), Variables.integer(execution, PRESENT),
          Variables.integer(execution, REPRESENTED));
      execution.setVariable(QUORUM_REACHED, judgement.reached());
      execution.setVariable(QUORUM_RULE, judgement.ruleLabel());
      execution.setVariable(QUORUM_FIGURES, judgement.figures());
    }
  }

  @Component("reconveneListener")
  static class ReconveneListener implements TaskListener {
    private final SessionService service;

    ReconveneListener(SessionService service) {
      this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
      OffsetDateTime date = service.reconvene(id(task), Variables.string(task, NEW_SESSION_DATE));
      task.getExecution().getProcessInstance().setVariable(SESSION_DATE, date.toString());
      task.getExecution().getProcessInstance().setVariable(QUORUM_REQUIRED, false);
    }
  }

  /**
   * Each instance of {@code recordVote}: its element {@code agendaItem} as the task's local variable
   * {@code deliberationId}, or {@code minutesOfSessionId} for the vote on the previous minutes.
   */
  @Component("agendaItemListener")
  static class AgendaItemListener implements org.camunda.bpm.engine.delegate.ExecutionListener {
    @Override
    public void notify(DelegateExecution execution) {
      String item = (String) execution.getVariableLocal(AGENDA_ITEM);
      String minutes = SessionAgenda.minutesOf(item);
      // A sequential multi-instance runs its items in one execution: the previous item's variable goes.
      if (minutes != null) {
        execution.removeVariableLocal(DELIBERATION_ID);
        execution.setVariableLocal(MINUTES_OF_SESSION_ID, minutes);
      } else {
        execution.removeVariableLocal(MINUTES_OF_SESSION_ID);
        execution.setVariableLocal(DELIBERATION_ID, item);
      }
    }
  }

  /** « Vote : <objet> » : figures checked, outcome sent to the deliberation as VoteRecorded. */
  @Component("recordVoteListener")
  static class RecordVoteListener implements TaskListener {
    static final List<String> VOTE_VARIABLES = List.of(WITHDRAWN, VOTES_FOR, VOTES_AGAINST, ABSTENTIONS,
        NOT_PARTICIPATING, SECRET_BALLOT, PRESIDING_VOTE, BALLOT, BALLOTS, INTERESTED_MEMBER_IDS, DEBATE_SUMMARY);

    private final SessionService service;
    private final Actors actors;

    RecordVoteListener(SessionService service, Actors actors) {
      this.service = service;
      this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
      VoteInput input = new VoteInput(
          Boolean.TRUE.equals(Variables.bool(task, WITHDRAWN)),
          Variables.integer(task, VOTES_FOR),
          Variables.integer(task, VOTES_AGAINST),
          Variables.integer(task, ABSTENTIONS),
          Variables.integer(task, NOT_PARTICIPATING),
          Boolean.TRUE.equals(Variables.bool(task, SECRET_BALLOT)),
          presidingVote(task), ballot(task), ballots(task), interested(task));
      String minutesOf = Variables.string(task, MINUTES_OF_SESSION_ID);
      if (minutesOf != null) {
        service.recordMinutesVote(id(task), minutesOf, input, actors.current(task));
        task.getExecution().getProcessInstance().removeVariables(VOTE_VARIABLES);
        return;
      }
      String deliberationId = Variables.string(task, DELIBERATION_ID);
      String debate = Variables.string(task, DEBATE_SUMMARY, "La substance des débats (debateSummary)",
          fr.comitia.platform.InputLimits.DEBATE_SUMMARY);
      service.recordVote(id(task), deliberationId, input, debate, actors.current(task));
      // The next item starts from a blank form.
      task.getExecution().getProcessInstance().removeVariables(VOTE_VARIABLES);
    }

    private static fr.comitia.register.BallotType ballot(VariableScope scope) {
      String value = Variables.string(scope, BALLOT);
      if (value == null) {
        return null;
      }
      try {
        return fr.comitia.register.BallotType.valueOf(value);
      } catch (IllegalArgumentException e) {
        throw Variables.refusal(BALLOT, "« ballot » vaut SHOW_OF_HANDS (main levée), ROLL_CALL (scrutin public) ou "
            + "SECRET (scrutin secret) (reçu : « " + value + " »).");
      }
    }

    /** {@code interestedMemberIds}: [memberId…], those who do not take part for a personal interest. */
    private static List<String> interested(VariableScope scope) {
      com.fasterxml.jackson.databind.JsonNode json = Variables.json(scope, INTERESTED_MEMBER_IDS);
      if (json == null || json.isNull()) {
        return List.of();
      }
      if (!json.isArray()) {
        throw Variables.refusal(INTERESTED_MEMBER_IDS, "« interestedMemberIds » est une liste d'identifiants de membres.");
      }
      List<String> ids = new java.util.ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode id : json) {
        if (!id.isTextual() || id.asText().isBlank()) {
          throw Variables.refusal(INTERESTED_MEMBER_IDS, "« interestedMemberIds » est une liste d'identifiants de "
              + "membres (reçu : « " + id + " »).");
        }
        ids.add(id.asText());
      }
      return ids;
    }

    /** {@code ballots}: [{memberId, choice}], each choice FOR, AGAINST or ABSTAIN. */
    private static List<VoteInput.MemberBallot> ballots(VariableScope scope) {
      com.fasterxml.jackson.databind.JsonNode json = Variables.json(scope, BALLOTS);
      if (json == null || json.isNull()) {
        return List.of();
      }
      if (!json.isArray()) {
        throw Variables.refusal(BALLOTS, "« ballots » est une liste [{memberId, choice}].");
      }
      List<VoteInput.MemberBallot> ballots = new java.util.ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode b : json) {
        String member = b.path("memberId").asText(null);
        String choice = b.path("choice").asText(null);
        if (member == null || member.isBlank()) {
          throw Variables.refusal(BALLOTS, "Scrutin public : chaque vote de la liste nomme son membre (memberId).");
        }
        VoteChoice parsed = null;
        if (choice != null) {
          try {
            parsed = VoteChoice.valueOf(choice);
          } catch (IllegalArgumentException e) {
            throw Variables.refusal(BALLOTS, "Scrutin public : le vote de « " + member + " » vaut FOR, AGAINST ou "
                + "ABSTAIN (reçu : « " + choice + " »).");
          }
        }
        ballots.add(new VoteInput.MemberBallot(member, parsed));
      }
      return ballots;
    }

    private static VoteChoice presidingVote(VariableScope scope) {
      String value = Variables.string(scope, PRESIDING_VOTE);
      if (value == null) {
        return null;
      }
      try {
        return VoteChoice.valueOf(value);
      } catch (IllegalArgumentException e) {
        throw Variables.refusal(PRESIDING_VOTE, "« presidingVote » vaut FOR, AGAINST ou ABSTAIN (reçu : « " + value + " »).");
      }
    }
  }

  @Component("closeSessionListener")
  static class CloseSessionListener implements TaskListener {
    private final SessionService service;

    CloseSessionListener(SessionService service) {
      this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
      service.close(id(task));
    }
  }
}
