package fr.comitia.deliberation;


import static fr.comitia.deliberation.DeliberationVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.identityService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import fr.comitia.notification.NotificationSettings;
import fr.comitia.support.EngineStubs;
import fr.comitia.support.EngineStubs.Seen;
import fr.comitia.support.ProcessEngineFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of process {@code deliberation} (bpmn/deliberation.bpmn) on a bare engine: each bean of
 * the model's expressions is a Mockito mock (see {@link #stubs()}), the messages are sent as
 * {@code DeliberationService} and {@code NotificationService} send them, the jobs and timers are
 * executed by the test on the engine's clock. The rules themselves are tested elsewhere
 * (DeliberationPathsIT end to end, the rule classes' unit tests).
 */
@Tag("process")
@Deployment(resources = "bpmn/deliberation.bpmn")
class DeliberationProcessTest {

  static final ProcessEngineFixture FIXTURE = ProcessEngineFixture.start(DeliberationProcessTest.class);

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder().useProcessEngine(FIXTURE.engine()).build();

  static final String ID = "2026-0042";
  static final String OBJECT_TEXT = "Adhésion au groupement de commandes d'énergie";
  static final String NUMBER_GIVEN = "2026-17";
  static final Instant SENT_AT = Instant.parse("2026-12-10T09:00:00Z");
  static final Duration REMINDER_DELAY = Duration.ofDays(7);
  static final int MAX_REMINDERS = 3;

  EngineStubs stubs;
  /** What {@code prepareNotificationsDelegate} prepares: one notification id per partner. */
  List<String> partners = List.of();
  JavaDelegate assignNumber;
  JavaDelegate markRejected;
  JavaDelegate markNotified;
  /** What transmitActDelegate and checkTransmissionDelegate answer, in turn (then TRANSMITTED, ACKNOWLEDGED). */
  java.util.Deque<String> transmitAnswers = new java.util.ArrayDeque<>();
  java.util.Deque<String> checkAnswers = new java.util.ArrayDeque<>();
  static final Duration POLL_INTERVAL = Duration.ofMinutes(15);

  @AfterAll
  static void stopEngine() {
    FIXTURE.close();
  }

  @BeforeEach
  void stubs() {
    init(FIXTURE.engine());
    stubs = new EngineStubs(FIXTURE.beans());
    stubs.delegate("registerDraftDelegate");
    stubs.listener("draftViewListener");
    stubs.listener("reviewDraftListener");
    // As ReviseDraftListener: the next review starts from a blank form.
    stubs.listener("reviseDraftListener", task -> {
      task.getExecution().removeVariable(APPROVED);
      task.getExecution().removeVariable(REVIEW_COMMENT);
    });
    stubs.delegate("awaitSessionDelegate");
    markRejected = stubs.delegate("markRejectedDelegate");
    assignNumber = stubs.delegate("assignNumberDelegate", execution -> execution.setVariable(NUMBER, NUMBER_GIVEN));
    stubs.delegate("renderExtractDelegate");
    stubs.listener("extractViewListener");
    stubs.listener("signExtractListener");
    stubs.delegate("sealExtractDelegate");
    stubs.delegate("publishActDelegate");
    // As LegalityDelegates: the attempt defaults to 1, the status is the transmission's.
    stubs.delegate("transmitActDelegate", execution -> {
      execution.setVariable(TRANSMISSION_ATTEMPT, attempt(execution));
      execution.setVariable(TRANSMISSION_STATUS, transmitAnswers.isEmpty() ? "TRANSMITTED" : transmitAnswers.poll());
    });
    stubs.delegate("checkTransmissionDelegate", execution -> execution.setVariable(TRANSMISSION_STATUS,
        checkAnswers.isEmpty() ? "ACKNOWLEDGED" : checkAnswers.poll()));
    stubs.delegate("declareEnforceableDelegate");
    stubs.listener("transmissionViewListener");
    stubs.listener("handleTransmissionListener", task -> {
      if (Boolean.TRUE.equals(task.getVariable(RETRANSMIT))) {
        task.getExecution().setVariable(TRANSMISSION_ATTEMPT, attempt(task.getExecution()) + 1);
      }
    });
    fr.comitia.legality.LegalitySettings legality =
        stubs.bean("legalitySettings", mock(fr.comitia.legality.LegalitySettings.class));
    when(legality.pollInterval()).thenReturn(POLL_INTERVAL.toString());
    stubs.delegate("prepareNotificationsDelegate",
        execution -> execution.setVariable(PARTNER_NOTIFICATIONS, new ArrayList<>(partners)));
    // As NotificationDelegates: a send restarts the count of reminders, each reminder adds one.
    stubs.delegate("sendNotificationDelegate", execution -> execution.setVariable(REMINDERS, 0));
    stubs.delegate("sendReminderDelegate",
        execution -> execution.setVariable(REMINDERS, ((Number) execution.getVariable(REMINDERS)).intValue() + 1));
    stubs.listener("followUpViewListener");
    stubs.listener("followUpNotificationListener");
    markNotified = stubs.delegate("markNotifiedDelegate");
    NotificationSettings settings = stubs.bean("notificationSettings", mock(NotificationSettings.class));
    when(settings.reminderDelay()).thenReturn(REMINDER_DELAY.toString());
    when(settings.maxReminders()).thenReturn(MAX_REMINDERS);
  }

  @AfterEach
  void resetAssertions() {
    reset();
  }

  // --- Draft -------------------------------------------------------------------------------------------

  @Test
  void submittedDraftIsRegisteredThenGoesToTheDirection() throws Exception {
    ProcessInstance pi = submit();

    assertThat(pi).isStarted().hasBusinessKey(ID).hasPassed("draftSubmitted", "registerDraft")
        .isWaitingAtExactly(TASK_REVIEW);
    assertThat(task()).hasName("Valider le projet de délibération").hasCandidateGroup("director")
        .hasFormKey("embedded:deployment:bpmn/forms/review-draft.html");
    Seen registered = only(stubs.seen("registerDraftDelegate"));
    assertThat(registered.businessKey()).isEqualTo(ID);
    assertThat(registered.variable(BODY_ID)).isEqualTo("conseil");
    assertThat(registered.variable(OBJECT)).isEqualTo(OBJECT_TEXT);
    assertThat(registered.variable(INITIATOR_ID)).isEqualTo("redacteur");
    assertThat(stubs.seen("draftViewListener")).extracting(Seen::activityId).containsExactly(TASK_REVIEW);
  }

  @Test
  void approvedDraftWaitsForASession() throws Exception {
    ProcessInstance pi = submit();

    complete(task(), withVariables(APPROVED, true));

    assertThat(only(stubs.seen("reviewDraftListener")).variable(APPROVED)).isEqualTo(true);
    assertThat(pi).hasPassed("draftApproved", "awaitSession").hasNotPassed(TASK_REVISE)
        .isWaitingAtExactly("deliberationScheduled").isWaitingFor(MESSAGE_SCHEDULED);
    assertThat(only(stubs.seen("awaitSessionDelegate")).businessKey()).isEqualTo(ID);
  }

  @Test
  void returnedDraftIsRevisedThenReviewedAgainAndApproved() throws Exception {
    ProcessInstance pi = submit();
    String comment = "Ajouter le visa du code de la commande publique.";

    complete(task(), withVariables(APPROVED, false, REVIEW_COMMENT, comment));

    assertThat(pi).hasPassed("draftApproved").isWaitingAtExactly(TASK_REVISE);
    assertThat(task()).hasName("Corriger le projet").hasCandidateGroup("drafter");
    complete(task(), withVariables(VISAS, "[\"Vu le code de la commande publique\"]"));

    Seen revised = only(stubs.seen("reviseDraftListener"));
    assertThat(revised.variable(REVIEW_COMMENT)).isEqualTo(comment);
    assertThat(revised.variable(VISAS)).isEqualTo("[\"Vu le code de la commande publique\"]");
    assertThat(pi).isWaitingAtExactly(TASK_REVIEW);
    assertThat(runtimeService().getVariables(pi.getId())).doesNotContainKeys(APPROVED, REVIEW_COMMENT);
    assertThat(stubs.seen("draftViewListener")).extracting(Seen::activityId)
        .containsExactly(TASK_REVIEW, TASK_REVISE, TASK_REVIEW);

    complete(task(), withVariables(APPROVED, true));

    assertThat(pi).isWaitingAtExactly("deliberationScheduled");
    assertThat(stubs.seen("reviewDraftListener")).extracting(s -> s.variable(APPROVED)).containsExactly(false, true);
    assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
        .activityId(TASK_REVIEW).count()).isEqualTo(2);
  }

  // --- Session and vote --------------------------------------------------------------------------------

  @Test
  void scheduledDeliberationWaitsForItsVote() throws Exception {
    ProcessInstance pi = approvedDraft();

    schedule("S-7");

    assertThat(pi).hasPassed("deliberationScheduled").isWaitingAtExactly("voteRecorded")
        .isWaitingFor(MESSAGE_VOTE_RECORDED);
    assertThat(pi).variables().containsEntry(SESSION_ID, "S-7");
  }

  @Test
  void rejectedDeliberationEndsRejetee() throws Exception {
    ProcessInstance pi = approvedDraft();
    schedule("S-7");

    vote("S-7", "REJECTED");

    assertThat(pi).hasPassed("voteOutcome", "markRejected", "deliberationRejected").hasNotPassed("assignNumber")
        .isEnded();
    verify(markRejected).execute(any());
    verify(assignNumber, never()).execute(any());
    Seen rejected = only(stubs.seen("markRejectedDelegate"));
    assertThat(rejected.businessKey()).isEqualTo(ID);
    assertThat(rejected.variable(OUTCOME)).isEqualTo("REJECTED");
    assertThat(rejected.variable(SESSION_ID)).isEqualTo("S-7");
  }

  @Test
  void withdrawnDeliberationWaitsForAnotherSessionAndCanBeAdoptedThere() throws Exception {
    ProcessInstance pi = approvedDraft();
    schedule("S-7");

    vote("S-7", "WITHDRAWN");

    assertThat(pi).hasNotPassed("markRejected", "assignNumber").isWaitingAtExactly("deliberationScheduled");
    assertThat(stubs.seen("awaitSessionDelegate")).hasSize(2);

    schedule("S-8");
    vote("S-8", "ADOPTED");

    assertThat(pi).isWaitingAtExactly(TASK_SIGN);
    assertThat(only(stubs.seen("assignNumberDelegate")).variable(SESSION_ID)).isEqualTo("S-8");
  }

  // --- Adopted: number, extract, signatures ------------------------------------------------------------

  @Test
  void adoptedDeliberationIsNumberedItsExtractRenderedAndSignedByThePresident() throws Exception {
    ProcessInstance pi = approvedDraft();
    schedule("S-7");

    vote("S-7", "ADOPTED");

    assertThat(pi).hasPassed("assignNumber", "renderExtract").isWaitingAtExactly(TASK_SIGN);
    assertThat(task()).hasName("Signer l'extrait").hasCandidateGroup("president");
    assertThat(only(stubs.seen("assignNumberDelegate")).variable(OUTCOME)).isEqualTo("ADOPTED");
    assertThat(only(stubs.seen("assignNumberDelegate")).variable(SESSION_YEAR)).isEqualTo(2022);
    assertThat(only(stubs.seen("renderExtractDelegate")).variable(NUMBER)).isEqualTo(NUMBER_GIVEN);
    assertThat(only(stubs.seen("extractViewListener")).activityId()).isEqualTo(TASK_SIGN);

    complete(task(), withVariables(SIGNED, true));

    assertThat(only(stubs.seen("signExtractListener")).variable(SIGNED)).isEqualTo(true);
    // The electronic seal runs in its own job (retried R5/PT5M).
    assertThat(pi).isWaitingAtExactly("sealExtract");
    assertThat(stubs.seen("sealExtractDelegate")).isEmpty();
    execute(job("sealExtract"));
    Seen sealed = only(stubs.seen("sealExtractDelegate"));
    assertThat(sealed.variable(NUMBER)).isEqualTo(NUMBER_GIVEN);
    assertThat(sealed.variable(SIGNED)).isEqualTo(true);
  }

  // --- Publication, transmission, enforceability ------------------------------------------------------

  @Test
  void theSealedActIsPublishedThenTransmittedAndNothingIsNotifiedBeforeTheArActe() throws Exception {
    partners = List.of("41");
    Instant now = Instant.parse("2026-12-14T10:00:00Z");
    ClockUtil.setCurrentTime(Date.from(now));
    ProcessInstance pi = approvedDraft();
    schedule("S-7");
    vote("S-7", "ADOPTED");
    complete(task(), withVariables(SIGNED, true));
    execute(job("sealExtract"));

    // Publication and transmission each run in their own job (retried with back-off, then an incident).
    assertThat(pi).isWaitingAtExactly("publishAct");
    assertThat(stubs.seen("publishActDelegate")).isEmpty();
    execute(job("publishAct"));
    assertThat(only(stubs.seen("publishActDelegate")).businessKey()).isEqualTo(ID);
    assertThat(pi).isWaitingAtExactly("transmitAct");
    execute(job("transmitAct"));
    Seen transmit = only(stubs.seen("transmitActDelegate"));
    assertThat(transmit.variable(NUMBER)).isEqualTo(NUMBER_GIVEN);
    assertThat(transmit.variable(TRANSMISSION_ATTEMPT)).isNull();

    assertThat(pi).hasPassed("transmissionOutcome", "arActeMerge").isWaitingAtExactly("arActeDue")
        .variables().containsEntry(TRANSMISSION_ATTEMPT, 1).containsEntry(TRANSMISSION_STATUS, "TRANSMITTED");
    Job timer = jobQuery().processInstanceId(pi.getId()).timers().activityId("arActeDue").singleResult();
    assertThat(timer.getDuedate()).hasSameTimeAs(Date.from(now.plus(POLL_INTERVAL)));
    assertThat(stubs.seen("prepareNotificationsDelegate")).isEmpty();

    pollGateway(pi);

    assertThat(pi).hasPassed("acknowledgementOutcome").isWaitingAtExactly("declareEnforceable");
    assertThat(stubs.seen("prepareNotificationsDelegate")).isEmpty();
    execute(job("declareEnforceable"));
    assertThat(only(stubs.seen("declareEnforceableDelegate")).variable(TRANSMISSION_STATUS)).isEqualTo("ACKNOWLEDGED");
    assertThat(pi).hasPassed("prepareNotifications").isWaitingAt("sendNotification");
    assertThat(stubs.seen("prepareNotificationsDelegate")).hasSize(1);
  }

  @Test
  void withoutArActeTheGatewayIsAskedAgainAfterEachInterval() throws Exception {
    checkAnswers.addAll(List.of("TRANSMITTED", "TRANSMITTED", "ACKNOWLEDGED"));
    ProcessInstance pi = transmitted();

    pollGateway(pi);
    assertThat(pi).hasPassed("acknowledgementOutcome").isWaitingAtExactly("arActeDue");
    Job next = jobQuery().processInstanceId(pi.getId()).timers().activityId("arActeDue").singleResult();
    assertThat(next.getDuedate()).hasSameTimeAs(Date.from(ClockUtil.getCurrentTime().toInstant().plus(POLL_INTERVAL)));
    pollGateway(pi);
    assertThat(pi).isWaitingAtExactly("arActeDue");
    pollGateway(pi);

    assertThat(pi).isWaitingAtExactly("declareEnforceable");
    assertThat(stubs.seen("checkTransmissionDelegate")).hasSize(3);
    assertThat(stubs.seen("transmitActDelegate")).hasSize(1);
    assertThat(stubs.seen("handleTransmissionListener")).isEmpty();
  }

  @Test
  void aRefusedTransmissionGoesToTheDirectorWhoRetransmitsIt() throws Exception {
    transmitAnswers.add("REFUSED");
    ProcessInstance pi = transmitted();

    assertThat(pi).hasPassed("transmissionOutcome").hasNotPassed("arActeDue").isWaitingAtExactly(TASK_HANDLE_TRANSMISSION);
    assertThat(task()).hasName("Traiter l'échec de transmission").hasCandidateGroup("director")
        .hasFormKey("embedded:deployment:bpmn/forms/handle-transmission.html");
    assertThat(only(stubs.seen("transmissionViewListener")).variable(TRANSMISSION_STATUS)).isEqualTo("REFUSED");

    complete(task(), withVariables(RETRANSMIT, true));

    assertThat(pi).hasPassed("retransmitDecision", "transmitMerge").isWaitingAtExactly("transmitAct");
    execute(job("transmitAct"));
    assertThat(stubs.seen("transmitActDelegate")).extracting(s -> s.variable(TRANSMISSION_ATTEMPT))
        .containsExactly(null, 2);
    assertThat(pi).isWaitingAtExactly("arActeDue").variables().containsEntry(TRANSMISSION_ATTEMPT, 2);
    pollGateway(pi);
    execute(job("declareEnforceable"));
    assertThat(pi).hasPassed("markNotified").isEnded();
  }

  @Test
  void aTransmissionRefusedAfterItsDepositMayBeAbandonedAndTheActIsNotNotified() throws Exception {
    partners = List.of("41");
    checkAnswers.add("REFUSED");
    ProcessInstance pi = transmitted();
    pollGateway(pi);

    assertThat(pi).isWaitingAtExactly(TASK_HANDLE_TRANSMISSION);
    complete(task(), withVariables(RETRANSMIT, false));

    assertThat(pi).hasPassed("transmissionAbandoned").hasNotPassed("declareEnforceable", "prepareNotifications")
        .isEnded();
    assertThat(stubs.seen("prepareNotificationsDelegate")).isEmpty();
    verify(markNotified, never()).execute(any());
  }

  @Test
  void withoutPartnersTheDeliberationEndsNotifieeAtOnce() throws Exception {
    partners = List.of();
    ProcessInstance pi = sealed();

    assertThat(pi).hasPassed("sealExtract", "publishAct", "transmitAct", "checkTransmission", "declareEnforceable",
            "prepareNotifications", "markNotified", "deliberationNotified")
        .hasNotPassed("sendNotification")
        .isEnded();
    verify(markNotified).execute(any());
    assertThat(stubs.seen("sendNotificationDelegate")).isEmpty();
  }

  // --- Notification --------------------------------------------------------------------------------------

  @Test
  void eachPartnerGetsItsOwnNotificationAndTheDeliberationEndsWhenAllAcknowledged() throws Exception {
    partners = List.of("41", "42");
    ProcessInstance pi = sealed();

    List<Job> sends = jobQuery().processInstanceId(pi.getId()).activityId("sendNotification").list();
    assertThat(sends).hasSize(2);
    sends.forEach(j -> execute(j));

    assertThat(stubs.seen("sendNotificationDelegate")).extracting(s -> s.variable(NOTIFICATION_ID))
        .containsExactlyInAnyOrder("41", "42");
    assertThat(pi).isWaitingAt("awaitAcknowledgement").isWaitingFor(MESSAGE_ACKNOWLEDGED);
    assertThat(jobQuery().processInstanceId(pi.getId()).timers().count()).isEqualTo(2);

    acknowledge("42");

    assertThat(pi).hasPassed("notificationAcknowledged", "partnerAcknowledged").isWaitingAt("awaitAcknowledgement")
        .isNotEnded();
    verify(markNotified, never()).execute(any());
    assertThat(jobQuery().processInstanceId(pi.getId()).timers().count()).isEqualTo(1);

    acknowledge("41");

    assertThat(pi).hasPassed("markNotified", "deliberationNotified").hasNotPassed("reminderDue").isEnded();
    verify(markNotified).execute(any());
  }

  @Test
  void withoutAcknowledgementAReminderIsSentAfterTheDelay() throws Exception {
    partners = List.of("41");
    ProcessInstance pi = notified();

    Job timer = reminderTimer(pi);
    assertThat(timer.getDuedate()).hasSameTimeAs(Date.from(SENT_AT.plus(REMINDER_DELAY)));
    remind(pi, 1);

    Seen reminder = only(stubs.seen("sendReminderDelegate"));
    assertThat(reminder.variable(NOTIFICATION_ID)).isEqualTo("41");
    assertThat(reminder.variable(REMINDERS)).isEqualTo(0);
    assertThat(pi).hasPassed("reminderDue", "remindersLeft", "sendReminder").isWaitingAt("awaitAcknowledgement");
    assertThat(reminderTimer(pi).getDuedate()).hasSameTimeAs(Date.from(SENT_AT.plus(REMINDER_DELAY.multipliedBy(2))));
    assertThat(runtimeService().getVariable(waitingFor("41").getId(), REMINDERS)).isEqualTo(1);

    acknowledge("41");

    assertThat(pi).hasNotPassed(TASK_FOLLOW_UP).hasPassed("deliberationNotified").isEnded();
  }

  @Test
  void afterThreeRemindersTheDirectionFollowsUpAndConfirmsTheReceipt() throws Exception {
    partners = List.of("41");
    ProcessInstance pi = notified();

    followUpDue(pi);
    assertThat(task()).hasName("Relancer le partenaire").hasCandidateGroup("director");
    assertThat(only(stubs.seen("followUpViewListener")).variable(NOTIFICATION_ID)).isEqualTo("41");

    complete(task(), withVariables(ACKNOWLEDGED, true));

    Seen followUp = only(stubs.seen("followUpNotificationListener"));
    assertThat(followUp.variable(ACKNOWLEDGED)).isEqualTo(true);
    assertThat(followUp.variable(NOTIFICATION_ID)).isEqualTo("41");
    assertThat(followUp.variable(REMINDERS)).isEqualTo(3);
    assertThat(pi).hasPassed("followUpOutcome", "partnerAcknowledgedOutOfBand", "deliberationNotified").isEnded();
    assertThat(stubs.seen("sendNotificationDelegate")).hasSize(1);
  }

  @Test
  void afterThreeRemindersTheDirectionMaySendTheActAgain() throws Exception {
    partners = List.of("41");
    ProcessInstance pi = notified();
    followUpDue(pi);

    complete(task(), withVariables(ACKNOWLEDGED, false));

    assertThat(pi).hasPassed("followUpOutcome").hasNotPassed("partnerAcknowledgedOutOfBand")
        .isWaitingAt("sendNotification");
    execute(job());
    assertThat(stubs.seen("sendNotificationDelegate")).extracting(s -> s.variable(NOTIFICATION_ID))
        .containsExactly("41", "41");
    assertThat(runtimeService().getVariable(waitingFor("41").getId(), REMINDERS)).isEqualTo(0);
    assertThat(reminderTimer(pi).getDuedate()).hasSameTimeAs(Date.from(ClockUtil.getCurrentTime().toInstant()
        .plus(REMINDER_DELAY)));

    acknowledge("41");

    assertThat(pi).hasPassed("partnerAcknowledged", "deliberationNotified").isEnded();
    verify(markNotified, times(1)).execute(any());
  }

  // --- Helpers -------------------------------------------------------------------------------------------

  ProcessInstance submit() {
    identityService().setAuthenticatedUserId("redacteur");
    try {
      ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_KEY, ID, withVariables(
          BODY_ID, "conseil", OBJECT, OBJECT_TEXT, PROPOSAL, "Sur proposition du Président"));
      assertThat(pi).isStarted(); // task() and job() below are this instance's
      return pi;
    } finally {
      identityService().clearAuthentication();
    }
  }

  ProcessInstance approvedDraft() {
    ProcessInstance pi = submit();
    complete(task(), withVariables(APPROVED, true));
    return pi;
  }

  /** As DeliberationService.scheduleOnSession. */
  static void schedule(String sessionId) {
    runtimeService().createMessageCorrelation(MESSAGE_SCHEDULED).processInstanceBusinessKey(ID)
        .setVariable(SESSION_ID, sessionId).correlate();
  }

  /** As DeliberationService.recordVote. */
  static void vote(String sessionId, String outcome) {
    runtimeService().createMessageCorrelation(MESSAGE_VOTE_RECORDED).processInstanceBusinessKey(ID)
        .setVariable(SESSION_ID, sessionId).setVariable(SESSION_YEAR, 2022).setVariable(OUTCOME, outcome).correlate();
  }

  /** Adopted, signed, sealed, published and transmitted: waiting for the ARActe. */
  ProcessInstance transmitted() {
    ProcessInstance pi = approvedDraft();
    schedule("S-7");
    vote("S-7", "ADOPTED");
    complete(task(), withVariables(SIGNED, true));
    execute(job("sealExtract"));
    execute(job("publishAct"));
    execute(job("transmitAct"));
    return pi;
  }

  /** Transmitted, acknowledged at the first poll, enforceable: the partners' notifications begin (or the process ends). */
  ProcessInstance sealed() {
    ProcessInstance pi = transmitted();
    pollGateway(pi);
    execute(job("declareEnforceable"));
    return pi;
  }

  /** The poll interval passes: the timer fires and the gateway is asked in its own job. */
  static void pollGateway(ProcessInstance pi) {
    Job timer = jobQuery().processInstanceId(pi.getId()).timers().activityId("arActeDue").singleResult();
    assertThat(timer).as("timer arActeDue").isNotNull();
    ClockUtil.setCurrentTime(timer.getDuedate());
    execute(timer);
    execute(job("checkTransmission"));
  }

  static int attempt(org.camunda.bpm.engine.delegate.VariableScope scope) {
    Object attempt = scope.getVariable(TRANSMISSION_ATTEMPT);
    return attempt == null ? 1 : ((Number) attempt).intValue();
  }

  /** Sealed, and every partner's notification sent at {@link #SENT_AT}. */
  ProcessInstance notified() {
    ProcessInstance pi = sealed();
    ClockUtil.setCurrentTime(Date.from(SENT_AT));
    jobQuery().processInstanceId(pi.getId()).activityId("sendNotification").list().forEach(j -> execute(j));
    return pi;
  }

  static Job reminderTimer(ProcessInstance pi) {
    return jobQuery().processInstanceId(pi.getId()).timers().activityId("reminderDue").singleResult();
  }

  /** The delay passes: the timer is due, fires, and reminder n is sent in its own job. */
  static void remind(ProcessInstance pi, int n) {
    Job timer = fireTimer(pi);
    assertThat(timer).isNotNull();
    assertThat(pi).isWaitingAt("sendReminder");
    execute(job("sendReminder"));
    assertThat(pi).variables().doesNotContainKey(REMINDERS); // the count is the partner's, local to its branch
    assertThat(runtimeService().getVariable(waitingFor("41").getId(), REMINDERS)).isEqualTo(n);
  }

  static Job fireTimer(ProcessInstance pi) {
    Job timer = reminderTimer(pi);
    ClockUtil.setCurrentTime(timer.getDuedate());
    assertThat(jobQuery().processInstanceId(pi.getId()).timers().duedateLowerThan(
        new Date(ClockUtil.getCurrentTime().getTime() + 1)).count()).isEqualTo(1);
    execute(timer);
    return timer;
  }

  /** Three reminders, then the fourth delay: « Relancer le partenaire ». */
  static void followUpDue(ProcessInstance pi) {
    for (int n = 1; n <= MAX_REMINDERS; n++) {
      remind(pi, n);
    }
    fireTimer(pi);
    assertThat(pi).hasPassed("remindersLeft").isWaitingAt(TASK_FOLLOW_UP);
  }

  /** The branch of partner {@code notificationId} waiting for its acknowledgement. */
  static Execution waitingFor(String notificationId) {
    List<Execution> waiting = runtimeService().createExecutionQuery().processInstanceBusinessKey(ID)
        .messageEventSubscriptionName(MESSAGE_ACKNOWLEDGED).list().stream()
        .filter(e -> notificationId.equals(String.valueOf(runtimeService().getVariable(e.getId(), NOTIFICATION_ID))))
        .toList();
    assertThat(waiting).hasSize(1);
    return waiting.get(0);
  }

  /** As NotificationService.acknowledge: the message to the branch of that notification only. */
  static void acknowledge(String notificationId) {
    runtimeService().messageEventReceived(MESSAGE_ACKNOWLEDGED, waitingFor(notificationId).getId());
  }

  static Seen only(List<Seen> calls) {
    assertThat(calls).hasSize(1);
    return calls.get(0);
  }
}
