package fr.comitia.minutes;

import static fr.comitia.minutes.MinutesVariables.*;
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
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import fr.comitia.support.EngineStubs;
import fr.comitia.support.ProcessEngineFixture;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
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
 * Every path of process {@code minutes} (bpmn/minutes.bpmn) on a bare engine: the president signs,
 * the session's secretary (the assignee) countersigns, each signature applied by its own job, then
 * the publication job; a publication not done by the due date becomes a task of the secretariat.
 */
@Tag("process")
@Deployment(resources = "bpmn/minutes.bpmn")
class MinutesProcessTest {

  static final ProcessEngineFixture FIXTURE = ProcessEngineFixture.start(MinutesProcessTest.class);

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder().useProcessEngine(FIXTURE.engine()).build();

  static final String SESSION = "S-2026-03";
  /** A week after the approving session of 2 April 2026. */
  static final Date DUE = Date.from(OffsetDateTime.parse("2026-04-09T18:00+02:00").toInstant());

  EngineStubs stubs;
  JavaDelegate putOnline;

  @AfterAll
  static void stopEngine() {
    FIXTURE.close();
  }

  @BeforeEach
  void stubs() {
    init(FIXTURE.engine());
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-04-02T19:00+02:00").toInstant()));
    stubs = new EngineStubs(FIXTURE.beans());
    stubs.listener("minutesViewListener");
    stubs.listener("signMinutesListener");
    stubs.delegate("sealMinutesDelegate");
    stubs.listener("countersignMinutesListener");
    stubs.delegate("countersealMinutesDelegate");
    putOnline = stubs.delegate("putMinutesOnlineDelegate");
    stubs.listener("publishMinutesListener");
    MinutesLifecycle lifecycle = stubs.bean("minutesLifecycle", mock(MinutesLifecycle.class));
    when(lifecycle.dueAt(any())).thenReturn(DUE);
  }

  @AfterEach
  void resetAssertions() {
    reset();
  }

  ProcessInstance start() {
    return runtimeService().startProcessInstanceByKey(PROCESS_KEY, SESSION, Map.of(
        APPROVED_IN_SESSION_ID, "S-2026-04", BODY_ID, "bureau", PRESIDENT_ID, "ccoulon",
        SESSION_SECRETARY_ID, "lmonnet", PUBLICATION_DUE_AT, DUE));
  }

  /** Through both signatures: waiting at the publication job. */
  ProcessInstance signedTwice() {
    ProcessInstance pi = start();
    assertThat(pi).isWaitingAtExactly(TASK_SIGN_MINUTES);
    assertThat(task()).hasName("Signer le procès-verbal").hasCandidateGroup("president").hasDueDate(DUE);
    complete(task(), withVariables(SIGNED, true));
    assertThat(pi).isWaitingAt("sealMinutes");
    execute(job("sealMinutes"));
    assertThat(pi).isWaitingAtExactly(TASK_COUNTERSIGN_MINUTES);
    assertThat(task()).hasName("Contresigner le procès-verbal").isAssignedTo("lmonnet").hasDueDate(DUE);
    complete(task(), withVariables(SIGNED, true));
    execute(job("countersealMinutes"));
    return pi;
  }

  @Test
  void thePresidentSignsTheSecretaryCountersignsThenTheMinutesGoOnline() {
    ProcessInstance pi = signedTwice();

    assertThat(stubs.seen("minutesViewListener")).extracting(EngineStubs.Seen::activityId)
        .containsExactly(TASK_SIGN_MINUTES, TASK_COUNTERSIGN_MINUTES);
    assertThat(stubs.seen("signMinutesListener").get(0).variable(SIGNED)).isEqualTo(true);
    assertThat(stubs.seen("countersealMinutesDelegate").get(0).businessKey()).isEqualTo(SESSION);
    assertThat(pi).isWaitingAt("putMinutesOnline");
    assertThat(jobQuery().processInstanceId(pi.getId()).timers().activityId("minutesPublicationOverdue")
        .singleResult().getDuedate()).isEqualTo(DUE);
    execute(job("putMinutesOnline"));
    assertThat(stubs.seen("putMinutesOnlineDelegate").get(0).businessKey()).isEqualTo(SESSION);
    assertThat(pi).hasPassed("minutesOnline", "minutesPublished").hasNotPassed(TASK_PUBLISH_MINUTES).isEnded();
  }

  @Test
  void minutesNotOnlineByTheDueDateBecomeATaskOfTheSecretariat() throws Exception {
    ProcessInstance pi = signedTwice();
    doThrow(new IllegalStateException("register unavailable")).when(putOnline).execute(any());
    Job put = job("putMinutesOnline");
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        managementService().executeJob(put.getId());
      } catch (RuntimeException expected) {
        // retried with back-off, then an incident
      }
    }

    ClockUtil.setCurrentTime(DUE);
    execute(jobQuery().processInstanceId(pi.getId()).timers().activityId("minutesPublicationOverdue").singleResult());

    assertThat(pi).isWaitingAtExactly(TASK_PUBLISH_MINUTES);
    assertThat(task()).hasName("Publier le procès-verbal").hasCandidateGroup("secretariat").hasDueDate(DUE);
    complete(task());
    assertThat(stubs.seen("publishMinutesListener").get(0).businessKey()).isEqualTo(SESSION);
    assertThat(pi).hasPassed("minutesPublished").isEnded();
  }
}
