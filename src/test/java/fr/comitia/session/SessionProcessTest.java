package fr.comitia.session;

import static fr.comitia.session.SessionVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.comitia.roster.BodyRules;
import fr.comitia.support.EngineStubs;
import fr.comitia.support.EngineStubs.Seen;
import fr.comitia.support.ProcessEngineFixture;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of process {@code session} (bpmn/session.bpmn) on a bare engine, with the real DMN
 * {@code quorum} (bpmn/quorum.dmn) evaluated on the inputs {@link QuorumService#dmnVariables} gives:
 * every other bean of the model's expressions is a Mockito mock (see {@link #stubs()}); the jobs
 * (one convocation per member) and the timer of the session's opening are executed by the test on
 * the engine's clock.
 */
@Tag("process")
@Deployment(resources = {"bpmn/session.bpmn", "bpmn/quorum.dmn"})
class SessionProcessTest {

  static final ProcessEngineFixture FIXTURE = ProcessEngineFixture.start(SessionProcessTest.class);

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder().useProcessEngine(FIXTURE.engine()).build();

  static final String ID = "S-2026-12";
  static final List<String> MEMBERS = List.of("ccoulon", "bmesseanne", "gbartholomeus", "avanpeene", "lmonnet");
  static final String SESSION_DATE_TEXT = "2026-12-15T18:00+01:00";
  static final String RECONVENED_DATE_TEXT = "2026-12-18T18:00+01:00";
  static final Map<String, String> OBJECTS = Map.of(
      "2026-0041", "Budget supplémentaire 2026", "2026-0042", "Adhésion au groupement de commandes d'énergie");
  static final Date AGENDA_DEADLINE = date("2026-12-08T23:59+01:00");
  /** A week after the session: the list of its deliberations must be online (L2121-25). */
  static final Date LIST_DUE = date("2026-12-22T18:00+01:00");
  org.camunda.bpm.engine.delegate.JavaDelegate putListOnline;
  static final Date CONVOCATION_DEADLINE = date("2026-12-09T23:59+01:00");
  static final Date END_OF_SESSION_DAY = date("2026-12-15T23:59+01:00");

  EngineStubs stubs;
  /** The agenda {@code sessionAgenda.deliberationIds(execution)} gives, in order. */
  List<String> agenda = List.of("2026-0042", "2026-0041");
  /** What {@code recordVote} iterates on: the agenda, after the previous minutes when they await approval. */
  List<String> voteItems = agenda;

  @AfterAll
  static void stopEngine() {
    FIXTURE.close();
  }

  @BeforeEach
  void stubs() {
    init(FIXTURE.engine());
    ClockUtil.setCurrentTime(date("2026-12-01T09:00+01:00"));
    stubs = new EngineStubs(FIXTURE.beans());
    // As RegisterSessionDelegate: a first session needs a quorum.
    stubs.delegate("registerSessionDelegate", execution -> execution.setVariable(QUORUM_REQUIRED, true));
    stubs.listener("agendaChoicesListener");
    stubs.listener("buildAgendaListener");
    stubs.listener("sessionViewListener");
    stubs.listener("signConvocationListener");
    stubs.delegate("scheduleItemsDelegate");
    stubs.delegate("sendConvocationDelegate");
    stubs.listener("rollCallPrefillListener");
    stubs.listener("rollCallFormListener");
    // As RollCallListener: the roll call gives the DMN its inputs (CGCT body of 5 members).
    stubs.listener("rollCallListener", SessionProcessTest::quorumInputs);
    // As RecordQuorumDelegate: what the DMN decided becomes quorumReached.
    stubs.delegate("recordQuorumDelegate", execution -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> decision = (Map<String, Object>) execution.getVariable(QUORUM_RESULT);
      execution.setVariable(QUORUM_REACHED, decision.get(QUORUM_REACHED));
    });
    // As ReconveneListener: the new date, and no quorum condition any more.
    stubs.listener("reconveneListener", task -> {
      task.getExecution().getProcessInstance().setVariable(SESSION_DATE, task.getVariable(NEW_SESSION_DATE));
      task.getExecution().getProcessInstance().setVariable(QUORUM_REQUIRED, false);
    });
    stubs.listener("voteFormListener");
    // As RecordVoteListener: the next item starts from a blank form.
    stubs.listener("recordVoteListener", task -> task.getExecution().getProcessInstance()
        .removeVariables(List.of(WITHDRAWN, VOTES_FOR, VOTES_AGAINST, ABSTENTIONS, NOT_PARTICIPATING, SECRET_BALLOT,
            PRESIDING_VOTE)));
    stubs.listener("closeSessionListener");
    stubs.delegate("produceMinutesDelegate");
    putListOnline = stubs.delegate("putDeliberationsListOnlineDelegate");
    stubs.listener("publishDeliberationsListListener");
    fr.comitia.legality.DeliberationsLists lists =
        stubs.bean("deliberationsLists", mock(fr.comitia.legality.DeliberationsLists.class));
    when(lists.dueAt(any(org.camunda.bpm.engine.delegate.DelegateExecution.class))).thenReturn(LIST_DUE);

    SessionAgenda sessionAgenda = stubs.bean("sessionAgenda", mock(SessionAgenda.class));
    when(sessionAgenda.convokedMembers(any())).thenReturn(MEMBERS);
    when(sessionAgenda.voteItems(any())).thenAnswer(invocation -> new ArrayList<>(voteItems));
    when(sessionAgenda.title(anyString())).thenAnswer(invocation -> OBJECTS.getOrDefault(
        invocation.<String>getArgument(0), "Approbation du procès-verbal de la séance précédente"));
    // The real mapping of each item to deliberationId or minutesOfSessionId.
    stubs.bean("agendaItemListener", new SessionDelegates.AgendaItemListener());
    SessionDeadlines deadlines = stubs.bean("sessionDeadlines", mock(SessionDeadlines.class));
    when(deadlines.agendaDeadline(any())).thenReturn(AGENDA_DEADLINE);
    when(deadlines.convocationDeadline(any())).thenReturn(CONVOCATION_DEADLINE);
    when(deadlines.endOfSessionDay(any())).thenReturn(END_OF_SESSION_DAY);
  }

  @AfterEach
  void resetAssertions() {
    reset();
  }

  // --- Agenda and convocation ----------------------------------------------------------------------------

  @Test
  void theSecretariatBuildsTheAgendaAndThePresidentSignsTheConvocation() {
    ProcessInstance pi = start();

    assertThat(pi).hasBusinessKey(ID).hasPassed("registerSession").isWaitingAtExactly(TASK_BUILD_AGENDA);
    Seen registered = only(stubs.seen("registerSessionDelegate"));
    assertThat(registered.variable(BODY_ID)).isEqualTo("bureau");
    assertThat(registered.variable(SESSION_DATE)).isEqualTo(SESSION_DATE_TEXT);
    assertThat(registered.variable(PLACE)).isEqualTo("Lille, siège du Syndicat mixte");
    assertThat(task()).hasName("Établir l'ordre du jour").hasCandidateGroup("secretariat")
        .hasDueDate(AGENDA_DEADLINE);
    assertThat(only(stubs.seen("agendaChoicesListener")).activityId()).isEqualTo(TASK_BUILD_AGENDA);

    complete(task(), withVariables(AGENDA, json("[\"2026-0042\",\"2026-0041\"]")));

    assertThat(only(stubs.seen("buildAgendaListener")).variable(AGENDA).toString())
        .isEqualTo("[\"2026-0042\",\"2026-0041\"]");
    assertThat(pi).isWaitingAtExactly(TASK_SIGN_CONVOCATION);
    assertThat(task()).hasName("Signer la convocation").hasCandidateGroup("president")
        .hasDueDate(CONVOCATION_DEADLINE);

    complete(task(), withVariables(URGENT, false));

    assertThat(only(stubs.seen("signConvocationListener")).variable(URGENT)).isEqualTo(false);
    assertThat(pi).hasPassed("scheduleItems");
    assertThat(only(stubs.seen("scheduleItemsDelegate")).businessKey()).isEqualTo(ID);
  }

  @Test
  void eachMemberIsConvokedInItsOwnJobThenTheSessionWaitsForItsDate() {
    ProcessInstance pi = convocationSigned();

    // The multi-instance itself is asynchronous, then one job per member.
    assertThat(stubs.seen("sendConvocationDelegate")).isEmpty();
    execute(job());
    List<Job> convocations = jobQuery().processInstanceId(pi.getId()).activityId("sendConvocation").list();
    assertThat(convocations).hasSize(MEMBERS.size());
    assertThat(convocations).extracting(j -> runtimeService().getVariableLocal(j.getExecutionId(), MEMBER_ID))
        .containsExactlyInAnyOrderElementsOf(MEMBERS);
    convocations.forEach(j -> execute(j));

    assertThat(stubs.seen("sendConvocationDelegate")).extracting(s -> s.variable(MEMBER_ID))
        .containsExactlyInAnyOrderElementsOf(MEMBERS);
    assertThat(stubs.seen("sendConvocationDelegate")).extracting(Seen::businessKey).containsOnly(ID);
    assertThat(pi).isWaitingAtExactly("sessionOpens");
    Job opening = job();
    assertThat(opening.getDuedate()).hasSameTimeAs(date(SESSION_DATE_TEXT));
    assertThat(jobQuery().timers().duedateLowerThan(ClockUtil.getCurrentTime()).count()).isZero();

    ClockUtil.setCurrentTime(date(SESSION_DATE_TEXT));
    execute(opening);

    assertThat(pi).isWaitingAtExactly(TASK_ROLL_CALL);
    assertThat(task()).hasName("Faire l'appel").hasCandidateGroup("secretariat").hasDueDate(date(SESSION_DATE_TEXT));
    assertThat(only(stubs.seen("rollCallPrefillListener")).activityId()).isEqualTo(TASK_ROLL_CALL);
    assertThat(only(stubs.seen("rollCallFormListener")).activityId()).isEqualTo(TASK_ROLL_CALL);
  }

  // --- Quorum reached: the votes, then the closing -------------------------------------------------------

  @Test
  void whenThePreviousMinutesAwaitApprovalTheFirstVoteIsOnThemThenEachItem() {
    voteItems = List.of(SessionAgenda.MINUTES_ITEM + "S-PREVIOUS", "2026-0042", "2026-0041");
    ProcessInstance pi = rollCallOpen();

    completeRollCall(3);

    Task minutes = task();
    assertThat(minutes).hasName("Vote : Approbation du procès-verbal de la séance précédente");
    assertThat(runtimeService().getVariableLocal(minutes.getExecutionId(), MINUTES_OF_SESSION_ID))
        .isEqualTo("S-PREVIOUS");
    // « instead of deliberationId »: the minutes item carries none.
    assertThat(runtimeService().getVariablesLocal(minutes.getExecutionId())).doesNotContainKey(DELIBERATION_ID);
    complete(minutes, withVariables(WITHDRAWN, false, VOTES_FOR, 3, VOTES_AGAINST, 0, ABSTENTIONS, 0,
        NOT_PARTICIPATING, 0));
    for (String item : agenda) {
      Task vote = task();
      assertThat(vote).hasName("Vote : " + OBJECTS.get(item));
      assertThat(runtimeService().getVariablesLocal(vote.getExecutionId())).containsEntry(DELIBERATION_ID, item)
          .doesNotContainKey(MINUTES_OF_SESSION_ID);
      complete(vote, withVariables(WITHDRAWN, false, VOTES_FOR, 3, VOTES_AGAINST, 0, ABSTENTIONS, 0,
          NOT_PARTICIPATING, 0));
    }

    assertThat(stubs.seen("recordVoteListener")).extracting(s -> s.local(MINUTES_OF_SESSION_ID))
        .containsExactly("S-PREVIOUS", null, null);
    assertThat(stubs.seen("recordVoteListener")).extracting(s -> s.local(DELIBERATION_ID))
        .containsExactly(null, "2026-0042", "2026-0041");
    assertThat(pi).isWaitingAtExactly(TASK_CLOSE);
  }

  @Test
  void withQuorumEachItemIsVotedInOrderThenTheSessionIsClosed() {
    ProcessInstance pi = rollCallOpen();

    completeRollCall(3);

    Seen rollCall = only(stubs.seen("rollCallListener"));
    assertThat(rollCall.variable(PRESIDING_MEMBER_ID)).isEqualTo("ccoulon");
    assertThat(rollCall.variable(ATTENDANCE)).isInstanceOf(SpinJsonNode.class);
    assertThat(pi).hasPassed("checkQuorum", "recordQuorum", "quorumReachedGateway").hasNotPassed(TASK_RECONVENE);
    assertThat(castMap((Map<?, ?>) only(stubs.seen("recordQuorumDelegate")).variable(QUORUM_RESULT))).containsEntry("regime", "CGCT_ORDINARY").containsEntry("counted", 3)
        .containsEntry("required", 3).containsEntry(QUORUM_REACHED, true);
    assertThat(pi).variables().containsEntry(QUORUM_REACHED, true);

    for (String item : agenda) {
      assertThat(pi).isWaitingAt(TASK_RECORD_VOTE);
      Task vote = task();
      assertThat(vote).hasName("Vote : " + OBJECTS.get(item)).hasCandidateGroup("secretariat")
          .hasDueDate(END_OF_SESSION_DAY);
      assertThat(runtimeService().getVariableLocal(vote.getExecutionId(), DELIBERATION_ID)).isEqualTo(item);
      complete(vote, withVariables(WITHDRAWN, false, VOTES_FOR, 3, VOTES_AGAINST, 0, ABSTENTIONS, 0,
          NOT_PARTICIPATING, 0, SECRET_BALLOT, false));
      assertThat(pi).variables().doesNotContainKeys(VOTES_FOR, WITHDRAWN);
    }

    assertThat(stubs.seen("recordVoteListener")).extracting(s -> s.local(DELIBERATION_ID))
        .containsExactlyElementsOf(agenda);
    assertThat(stubs.seen("recordVoteListener")).extracting(s -> s.variable(VOTES_FOR)).containsOnly(3);
    assertThat(stubs.seen("voteFormListener")).extracting(s -> s.local(DELIBERATION_ID))
        .containsExactlyElementsOf(agenda);
    assertThat(pi).isWaitingAtExactly(TASK_CLOSE);
    assertThat(task()).hasName("Clore la séance").hasCandidateGroup("secretariat").hasDueDate(END_OF_SESSION_DAY);

    complete(task());

    assertThat(only(stubs.seen("closeSessionListener")).businessKey()).isEqualTo(ID);
    assertThat(only(stubs.seen("produceMinutesDelegate")).businessKey()).isEqualTo(ID);
    // The list of deliberations goes online in its own job (retried), a week at most after the session.
    assertThat(pi).hasPassed("produceMinutes").isWaitingAt("putDeliberationsListOnline");
    assertThat(jobQuery().processInstanceId(pi.getId()).timers().activityId("deliberationsListOverdue").singleResult()
        .getDuedate()).isEqualTo(LIST_DUE);
    execute(job("putDeliberationsListOnline"));
    assertThat(only(stubs.seen("putDeliberationsListOnlineDelegate")).businessKey()).isEqualTo(ID);
    assertThat(pi).hasPassed("listOnline", "sessionClosed").hasNotPassed("publishDeliberationsList").isEnded();
  }

  @Test
  void aListOfDeliberationsNotOnlineByItsDueDateBecomesATaskOfTheSecretariat() throws Exception {
    agenda = List.of();
    voteItems = agenda;
    ProcessInstance pi = rollCallOpen();
    completeRollCall(5);
    complete(task());
    doThrow(new IllegalStateException("document missing")).when(putListOnline).execute(any());
    Job put = job("putDeliberationsListOnline");
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        managementService().executeJob(put.getId());
      } catch (RuntimeException expected) {
        // retried with back-off, then an incident
      }
    }

    Job overdue = jobQuery().processInstanceId(pi.getId()).timers().activityId("deliberationsListOverdue").singleResult();
    ClockUtil.setCurrentTime(LIST_DUE);
    execute(overdue);

    assertThat(pi).isWaitingAtExactly(TASK_PUBLISH_DELIBERATIONS_LIST);
    assertThat(task()).hasName("Publier la liste des délibérations").hasCandidateGroup("secretariat")
        .hasDueDate(LIST_DUE);
    assertThat(jobQuery().processInstanceId(pi.getId()).activityId("putDeliberationsListOnline").count()).isZero();
    complete(task());
    assertThat(only(stubs.seen("publishDeliberationsListListener")).businessKey()).isEqualTo(ID);
    assertThat(pi).hasPassed("sessionClosed").isEnded();
  }

  @Test
  void anEmptyAgendaGoesStraightToTheClosing() {
    agenda = List.of();
    voteItems = agenda;
    ProcessInstance pi = rollCallOpen();

    completeRollCall(5);

    assertThat(pi).hasNotPassed(TASK_RECORD_VOTE).isWaitingAtExactly(TASK_CLOSE);
    complete(task());
    execute(job("putDeliberationsListOnline"));
    assertThat(pi).isEnded();
  }

  // --- No quorum: reconvened, then no quorum condition ---------------------------------------------------

  @Test
  void withoutQuorumTheAssemblyIsReconvenedAndTheNextRollCallNeedsNoQuorum() {
    ProcessInstance pi = rollCallOpen();

    completeRollCall(2);

    assertThat(pi).hasPassed("checkQuorum", "recordQuorum").isWaitingAtExactly(TASK_RECONVENE);
    assertThat(pi).variables().containsEntry(QUORUM_REACHED, false);
    assertThat(castMap((Map<?, ?>) only(stubs.seen("recordQuorumDelegate")).variable(QUORUM_RESULT)))
        .containsEntry("regime", "CGCT_ORDINARY").containsEntry("counted", 2).containsEntry("required", 3);
    assertThat(task()).hasName("Reconvoquer l'assemblée").hasCandidateGroup("secretariat");
    assertThat(stubs.seen("sessionViewListener")).extracting(Seen::activityId)
        .containsExactly(TASK_SIGN_CONVOCATION, TASK_RECONVENE);

    complete(task(), withVariables(NEW_SESSION_DATE, RECONVENED_DATE_TEXT));

    assertThat(only(stubs.seen("reconveneListener")).variable(NEW_SESSION_DATE)).isEqualTo(RECONVENED_DATE_TEXT);
    assertThat(pi).variables().containsEntry(SESSION_DATE, RECONVENED_DATE_TEXT).containsEntry(QUORUM_REQUIRED, false);
    // Reconvocations: the same multi-instance, one job per member again.
    convokeEveryMember(pi);
    assertThat(stubs.seen("sendConvocationDelegate")).hasSize(2 * MEMBERS.size());
    Job opening = job();
    assertThat(opening.getDuedate()).hasSameTimeAs(date(RECONVENED_DATE_TEXT));
    ClockUtil.setCurrentTime(date(RECONVENED_DATE_TEXT));
    execute(opening);
    assertThat(pi).isWaitingAtExactly(TASK_ROLL_CALL);

    completeRollCall(2);

    assertThat(castMap((Map<?, ?>) stubs.seen("recordQuorumDelegate").get(1).variable(QUORUM_RESULT)))
        .containsEntry("regime", "RECONVOCATION").containsEntry(QUORUM_REACHED, true);
    assertThat(pi).variables().containsEntry(QUORUM_REACHED, true);
    assertThat(pi).isWaitingAt(TASK_RECORD_VOTE);
    assertThat(runtimeService().getVariableLocal(task().getExecutionId(), DELIBERATION_ID)).isEqualTo(agenda.get(0));
  }

  // --- Helpers -------------------------------------------------------------------------------------------

  ProcessInstance start() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_KEY, ID, withVariables(
        BODY_ID, "bureau", SESSION_DATE, SESSION_DATE_TEXT, PLACE, "Lille, siège du Syndicat mixte"));
    assertThat(pi).isStarted(); // task() and job() below are this instance's
    return pi;
  }

  ProcessInstance convocationSigned() {
    ProcessInstance pi = start();
    complete(task(), withVariables(AGENDA, json("[\"2026-0042\",\"2026-0041\"]")));
    complete(task(), withVariables(URGENT, false));
    return pi;
  }

  static void convokeEveryMember(ProcessInstance pi) {
    execute(job());
    jobQuery().processInstanceId(pi.getId()).activityId("sendConvocation").list().forEach(j -> execute(j));
    assertThat(pi).isWaitingAtExactly("sessionOpens");
  }

  ProcessInstance rollCallOpen() {
    ProcessInstance pi = convocationSigned();
    convokeEveryMember(pi);
    ClockUtil.setCurrentTime(date(SESSION_DATE_TEXT));
    execute(job());
    return pi;
  }

  /** The first {@code present} members present, one absent member represented, the others absent. */
  static void completeRollCall(int present) {
    StringBuilder attendance = new StringBuilder("[");
    for (int i = 0; i < MEMBERS.size(); i++) {
      String status = i < present ? "PRESENT" : "ABSENT";
      String proxy = i == present ? "\"" + MEMBERS.get(0) + "\"" : "null";
      attendance.append(i == 0 ? "" : ",").append("{\"memberId\":\"").append(MEMBERS.get(i))
          .append("\",\"status\":\"").append(status).append("\",\"proxyHolderId\":").append(proxy).append('}');
    }
    complete(task(), withVariables(ATTENDANCE, json(attendance.append(']').toString()),
        PRESIDING_MEMBER_ID, "ccoulon", SESSION_SECRETARY_ID, "lmonnet"));
  }

  /** The DMN's inputs as RollCallListener puts them on the process instance (via SessionService.rollCall). */
  static void quorumInputs(DelegateTask task) {
    SpinJsonNode attendance = (SpinJsonNode) task.getVariable(ATTENDANCE);
    int present = 0;
    int represented = 0;
    for (SpinJsonNode entry : attendance.elements()) {
      if ("PRESENT".equals(entry.prop("status").stringValue())) {
        present++;
      } else if (!entry.prop("proxyHolderId").isNull()) {
        represented++;
      }
    }
    String sessionDate = (String) task.getVariable(SESSION_DATE);
    task.getExecution().getProcessInstance().setVariables(QuorumService.dmnVariables(
        OffsetDateTime.parse(sessionDate).atZoneSameInstant(ZoneId.of("Europe/Paris")).toLocalDate(), BodyRules.cgct(),
        (Boolean) task.getVariable(QUORUM_REQUIRED), attendance.elements().size(), present, represented));
  }

  static TypedValue json(String json) {
    return SpinValues.jsonValue(json).create();
  }

  static Date date(String isoDateTime) {
    return Date.from(OffsetDateTime.parse(isoDateTime).toInstant());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  static Seen only(List<Seen> calls) {
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }
}
