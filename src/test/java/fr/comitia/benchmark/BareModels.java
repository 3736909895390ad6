package fr.comitia.benchmark;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVISE;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECONVENE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.bpm.model.bpmn.builder.SubProcessBuilder;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The bare engine's reference: two processes of the same shape as {@code deliberation} and
 * {@code session} (same user tasks with the same candidate groups, same messages, same
 * asynchronous jobs and timers, same multi-instance shapes), built with Camunda's fluent API, whose
 * service tasks do nothing ({@code ${true}}) except what carries the shape: the session tells its
 * items they are scheduled and voted (the same message correlations, in the same transactions as
 * Comitia's), and the sealing step gives the list of partners to notify.
 *
 * <p>Not in the bare models: Comitia's register (the {@code comitia} schema), documents, mails,
 * the quorum DMN (a no-op service task instead) and the checks of the listeners.
 */
final class BareModels {

  static final String DELIBERATION = "benchDeliberation";
  static final String SESSION = "benchSession";
  static final String SCHEDULED = "BenchDeliberationScheduled";
  static final String VOTED = "BenchVoteRecorded";
  static final String ACKNOWLEDGED = "BenchNotificationAcknowledged";

  private BareModels() {}

  static BpmnModelInstance deliberation() {
    ServiceTaskBuilder seal = Bpmn.createExecutableProcess(DELIBERATION)
        .name("Délibération (moteur nu)")
        .camundaHistoryTimeToLive(3650)
        .startEvent("draftSubmitted").camundaInitiator("initiatorId")
        .serviceTask("registerDraft").camundaExpression("${true}")
        .exclusiveGateway("reviewMerge")
        .userTask(TASK_REVIEW).camundaCandidateGroups("director")
        .exclusiveGateway("draftApproved")
        .condition("oui", "${approved}")
        .serviceTask("awaitSession").camundaExpression("${true}")
        .intermediateCatchEvent("deliberationScheduled").message(SCHEDULED)
        .intermediateCatchEvent("voteRecorded").message(VOTED)
        .exclusiveGateway("voteOutcome")
        .condition("adoptée", "${outcome == 'ADOPTED'}")
        .serviceTask("assignNumber").camundaExpression("${true}")
        .serviceTask("renderExtract").camundaExpression("${true}")
        .userTask(TASK_SIGN).camundaCandidateGroups("president")
        .serviceTask("sealExtract").camundaAsyncBefore().camundaClass(SealExtract.class.getName());
    SubProcessBuilder notify = seal.subProcess("notifyPartners")
        .multiInstance().camundaCollection("${partnerNotifications}").camundaElementVariable("notificationId")
        .multiInstanceDone();
    notify.embeddedSubProcess()
        .startEvent("notificationStarted")
        .serviceTask("sendNotification").camundaAsyncBefore().camundaExpression("${true}")
        .eventBasedGateway().id("awaitAcknowledgement")
        .intermediateCatchEvent("notificationAcknowledged").message(ACKNOWLEDGED)
        .endEvent("partnerAcknowledged")
        .moveToNode("awaitAcknowledgement")
        .intermediateCatchEvent("reminderDue").timerWithDuration("P7D")
        .endEvent("reminderNotModelled");
    return notify
        .serviceTask("markNotified").camundaExpression("${true}")
        .endEvent("deliberationNotified")
        .moveToNode("voteOutcome").condition("rejetée", "${outcome != 'ADOPTED'}")
        .endEvent("deliberationRejected")
        .moveToNode("draftApproved").condition("non", "${!approved}")
        .userTask(TASK_REVISE).camundaCandidateGroups("drafter")
        .connectTo("reviewMerge")
        .done();
  }

  static BpmnModelInstance session() {
    ServiceTaskBuilder convocation = Bpmn.createExecutableProcess(SESSION)
        .name("Séance (moteur nu)")
        .camundaHistoryTimeToLive(3650)
        .startEvent("sessionRequested").camundaInitiator("initiatorId")
        .serviceTask("registerSession").camundaExpression("${true}")
        .userTask(TASK_BUILD_AGENDA).camundaCandidateGroups("secretariat")
        .userTask(TASK_SIGN_CONVOCATION).camundaCandidateGroups("president")
        .serviceTask("scheduleItems").camundaClass(ScheduleItems.class.getName())
        .serviceTask("sendConvocation").camundaAsyncBefore().camundaExpression("${true}")
        .multiInstance().camundaAsyncBefore().camundaCollection("${members}").camundaElementVariable("memberId")
        .multiInstanceDone();
    UserTaskBuilder vote = convocation
        .intermediateCatchEvent("sessionOpens").timerWithDate("${sessionDate}")
        .userTask(TASK_ROLL_CALL).camundaCandidateGroups("secretariat")
        .serviceTask("checkQuorum").camundaExpression("${true}")
        .serviceTask("recordQuorum").camundaExpression("${execution.setVariable('quorumReached', true)}")
        .exclusiveGateway("quorumReachedGateway")
        .condition("oui", "${quorumReached}")
        .userTask(TASK_RECORD_VOTE).camundaCandidateGroups("secretariat")
        .camundaTaskListenerClass("complete", RecordVote.class.getName())
        .multiInstance().sequential().camundaCollection("${agendaIds}").camundaElementVariable("deliberationId")
        .multiInstanceDone();
    return vote
        .userTask(TASK_CLOSE).camundaCandidateGroups("secretariat")
        .serviceTask("produceMinutes").camundaExpression("${true}")
        .endEvent("sessionClosed")
        .moveToNode("quorumReachedGateway").condition("non", "${!quorumReached}")
        .userTask(TASK_RECONVENE).camundaCandidateGroups("secretariat")
        .endEvent("reconvened")
        .done();
  }

  /** As Comitia's scheduleItems: each item of the agenda receives its message, in this transaction. */
  public static class ScheduleItems implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      SpinJsonNode agenda = (SpinJsonNode) execution.getVariable("agenda");
      List<String> ids = new ArrayList<>();
      agenda.elements().forEach(n -> ids.add(n.stringValue()));
      RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
      for (String id : ids) {
        runtime.createMessageCorrelation(SCHEDULED).processInstanceBusinessKey(id)
            .setVariable("sessionId", execution.getProcessBusinessKey()).correlate();
      }
      execution.setVariable("agendaIds", ids);
    }
  }

  /** As Comitia's recordVote listener: the item's process receives the outcome, in this transaction. */
  public static class RecordVote implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      String id = (String) task.getVariable("deliberationId");
      task.getProcessEngineServices().getRuntimeService().createMessageCorrelation(VOTED)
          .processInstanceBusinessKey(id)
          .setVariable("sessionId", task.getExecution().getProcessBusinessKey())
          .setVariable("outcome", "ADOPTED")
          .correlate();
    }
  }

  /** As Comitia's sealExtract: gives the partners' notifications (one partner, as the seed). */
  public static class SealExtract implements JavaDelegate {
    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable("partnerNotifications", new ArrayList<>(List.of("1")));
    }
  }
}
