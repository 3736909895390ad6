package fr.comitia.mail;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.support.Eventually;
import fr.comitia.support.Mails;
import fr.comitia.support.SlowSmtp;
import fr.comitia.support.Workflow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The case, with the job executor on: the SMTP server takes longer to answer than the
 * engine's lock on a job (3 s against 1 s, the 30 s scaled down), so the executor takes
 * each convocation job again while its first execution is still sending. Every member still gets
 * exactly one convocation.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "comitia.embedded.postgres.data-directory=target/test-data/pg-${random.uuid}",
      "comitia.embedded.smtp.port=0",
      "camunda.bpm.job-execution.enabled=true",
      "camunda.bpm.job-execution.lock-time-in-millis=1000",
      "camunda.bpm.job-execution.wait-time-in-millis=100",
      "camunda.bpm.job-execution.max-wait=500",
      // A thread per member's job, none waiting in a queue (where its lock would expire again and
      // again); each sending job holds two connections of the pool (the job's and the claim's).
      "camunda.bpm.job-execution.core-pool-size=6",
      "camunda.bpm.job-execution.max-pool-size=6",
      "camunda.bpm.job-execution.queue-capacity=10"
    })
class MailClaimJobExecutorIT {

  static final Duration SMTP_DELAY = Duration.ofSeconds(3);

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired GreenMail smtp;
  @Autowired JavaMailSenderImpl sender;
  @Autowired MailService mail;
  @Autowired ProcessEngineConfigurationImpl engine;
  @Autowired @Qualifier("camundaTaskExecutor") ThreadPoolTaskExecutor jobThreads;

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    sender.setPort(smtp.getSmtp().getPort());
  }

  @Test
  void aServerSlowerThanTheJobLockStillGivesEachMemberOneConvocation() throws Exception {
    Workflow flow = new Workflow(rest, taskService, managementService);
    try (SlowSmtp slow = new SlowSmtp(smtp.getSmtp().getPort(), SMTP_DELAY)) {
      sender.setPort(slow.port());
      // Real time (the executor's locks expire with it); a session three weeks ahead.
      LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusWeeks(3);
      String sessionDate = day.atTime(18, 0).atZone(ZoneId.of("Europe/Paris")).toOffsetDateTime().toString();
      Map<String, Object> draft = new LinkedHashMap<>();
      draft.put("bodyId", "bureau");
      draft.put("object", "Rapport d'activité");
      draft.put("articles", List.of(Map.of("verb", "PREND ACTE", "text", "du rapport d'activité.")));
      draft.put("matiere", "5.2");
      String id = flow.submit(draft);
      flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
      String session = flow.createSession("bureau", sessionDate, "Arras");
      flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(id)));
      flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));

      List<String> ids = MailClaimIT.BUREAU_MEMBERS.stream().map(m -> "convocation-" + session + "-1-" + m).toList();
      Eventually.until("every convocation sent", Duration.ofSeconds(60), () -> ids.stream()
          .allMatch(d -> mail.delivery(d).map(x -> "SENT".equals(x.status())).orElse(false)));
      // Stop the executor and let its threads end whatever they run (deterministic, no waiting on time).
      engine.getJobExecutor().shutdown();
      jobThreads.getThreadPoolExecutor().shutdown();
      assertThat(jobThreads.getThreadPoolExecutor().awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(slow.connections()).as("one SMTP connection per member").isEqualTo(ids.size());

      // The executions that found a live claim failed and are retried five minutes later: they find
      // the mail sent and complete, and the session waits for its opening.
      ClockUtil.offset(Duration.ofMinutes(6).toMillis());
      flow.executeJobs();
      String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(session)
          .singleResult().getId();
      assertThat(managementService.createJobQuery().processInstanceId(instance).activityId("sendConvocation").count())
          .as("convocation jobs left").isZero();
      assertThat(runtimeService.getActiveActivityIds(instance)).containsExactly("sessionOpens");
      for (String d : ids) {
        assertThat(Mails.withMessageId(smtp, mail.messageId(d))).as(d).hasSize(1);
        assertThat(mail.delivery(d)).get().satisfies(x -> assertThat(x.attempts()).isEqualTo(1));
      }
      assertThat(runtimeService.createIncidentQuery().count()).isZero();
    }
  }
}
