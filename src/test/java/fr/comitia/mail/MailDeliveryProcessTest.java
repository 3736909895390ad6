package fr.comitia.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import fr.comitia.support.EngineStubs;
import fr.comitia.support.ProcessEngineFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Process {@code mailDelivery} (bpmn/mail-delivery.bpmn) on a bare engine: the mail leaves from its
 * own job, once; a failed send is retried R5/PT5M, then an incident. {@code sendQueuedMailDelegate}
 * is a Mockito mock failing as many times as a test says.
 */
@Tag("process")
@Deployment(resources = "bpmn/mail-delivery.bpmn")
class MailDeliveryProcessTest {

  static final ProcessEngineFixture FIXTURE = ProcessEngineFixture.start(MailDeliveryProcessTest.class);

  @RegisterExtension
  static final ProcessEngineExtension ENGINE =
      ProcessEngineExtension.builder().useProcessEngine(FIXTURE.engine()).build();

  static final String MAIL_ID = "proxy-given-7f3a";
  static final Instant QUEUED_AT = Instant.parse("2026-12-10T09:00:00Z");

  EngineStubs stubs;
  JavaDelegate send;
  final AtomicInteger failuresLeft = new AtomicInteger();

  @AfterAll
  static void stopEngine() {
    FIXTURE.close();
  }

  @BeforeEach
  void stubs() {
    init(FIXTURE.engine());
    ClockUtil.setCurrentTime(Date.from(QUEUED_AT));
    stubs = new EngineStubs(FIXTURE.beans());
    send = stubs.delegate("sendQueuedMailDelegate", execution -> {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("SMTP indisponible");
      }
    });
  }

  @AfterEach
  void resetAssertions() {
    reset();
  }

  @Test
  void theMailLeavesFromItsOwnJobOnce() throws Exception {
    ProcessInstance pi = queue();

    assertThat(pi).isWaitingAtExactly("sendQueuedMail");
    assertThat(stubs.seen("sendQueuedMailDelegate")).isEmpty();

    managementService().executeJob(job().getId());

    assertThat(pi).hasPassed("sendQueuedMail", "mailSent").isEnded();
    verify(send, times(1)).execute(any());
    assertThat(stubs.seen("sendQueuedMailDelegate").get(0).businessKey()).isEqualTo(MAIL_ID);
  }

  @Test
  void aFailedSendIsRetriedFiveMinutesLater() throws Exception {
    failuresLeft.set(1);
    ProcessInstance pi = queue();

    assertThrows(RuntimeException.class, () -> managementService().executeJob(job().getId()));

    Job retry = job();
    assertThat(retry.getRetries()).isEqualTo(4);
    assertThat(retry.getExceptionMessage()).contains("SMTP indisponible");
    assertThat(retry.getDuedate()).hasSameTimeAs(Date.from(QUEUED_AT.plus(Duration.ofMinutes(5))));
    assertThat(pi).isWaitingAtExactly("sendQueuedMail");

    ClockUtil.setCurrentTime(retry.getDuedate());
    managementService().executeJob(retry.getId());

    assertThat(pi).isEnded();
    assertThat(stubs.seen("sendQueuedMailDelegate")).hasSize(2);
  }

  @Test
  void afterFiveRetriesTheMailIsAnIncident() throws Exception {
    failuresLeft.set(Integer.MAX_VALUE);
    ProcessInstance pi = queue();

    for (int attempt = 0; attempt < 5; attempt++) {
      Job job = job();
      ClockUtil.setCurrentTime(job.getDuedate() == null ? ClockUtil.getCurrentTime() : job.getDuedate());
      assertThrows(RuntimeException.class, () -> managementService().executeJob(job.getId()));
    }

    assertThat(job().getRetries()).isZero();
    assertThat(runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
    assertThat(pi).isNotEnded().isWaitingAtExactly("sendQueuedMail");
    assertThat(stubs.seen("sendQueuedMailDelegate")).hasSize(5);
  }

  static ProcessInstance queue() {
    ProcessInstance pi = runtimeService().startProcessInstanceByKey(MailOutbox.PROCESS_KEY, MAIL_ID);
    assertThat(pi).isStarted(); // job() below is this instance's
    return pi;
  }
}
