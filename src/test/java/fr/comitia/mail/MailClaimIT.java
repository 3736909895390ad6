package fr.comitia.mail;



import fr.comitia.support.Jobs;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.SlowSmtp;
import fr.comitia.support.Workflow;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Each mail once, whatever runs it: the execution that claims the delivery row sends it, any other
 * sends nothing; and the proxy holder's notice goes the same way, from its own job.
 */
@ComitiaTest
class MailClaimIT {

  static final String BUREAU = "bureau";
  static final List<String> BUREAU_MEMBERS = List.of("ccoulon", "bmesseannegrobelny", "gbartholomeus", "avanpeene",
      "lmonnet");

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired GreenMail smtp;
  @Autowired JavaMailSenderImpl sender;
  @Autowired MailService mail;
  @Autowired JdbcClient jdbc;
  @Autowired Workflow flow;
  SlowSmtp slowSmtp;

  @BeforeEach
  void setUp() throws Exception {
    slowSmtp = new SlowSmtp(smtp.getSmtp().getPort(), Duration.ZERO);
  }

  @AfterEach
  void tearDown() throws Exception {
    sender.setPort(smtp.getSmtp().getPort());
    slowSmtp.close();
  }

  /** A bureau session convoked (president's signature given) on {@code day}; returns its id. */
  String convoked(String day, String sessionDate) {
    return flow.convoked(BUREAU, day, sessionDate);
  }

  String processInstance(String businessKey) {
    return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).singleResult().getId();
  }

  static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void twoExecutionsOfTheSameConvocationJobAtTheSameInstantSendOneMail() throws Exception {
    String session = convoked("2028-03-01", "2028-03-16T18:00:00+01:00");
    String instance = processInstance(session);
    // The multi-instance body makes one job per member.
    managementService.createJobQuery().processInstanceId(instance).executable().list()
        .forEach(j -> managementService.executeJob(j.getId()));
    List<Job> perMember = managementService.createJobQuery().processInstanceId(instance).executable().list();
    assertThat(perMember).hasSize(BUREAU_MEMBERS.size());

    // A server that keeps every sender waiting for its greeting until the test lets it go: whoever
    // got the claim is in the middle of its send while the other execution tries.
    sender.setPort(slowSmtp.port());
    ExecutorService twoNodes = Executors.newFixedThreadPool(2);
    try {
      for (Job job : perMember) {
        slowSmtp.holdGreetings();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorCompletionService<Throwable> runs = new ExecutorCompletionService<>(twoNodes);
        for (int i = 0; i < 2; i++) {
          runs.submit(() -> {
            together.await();
            try {
              managementService.executeJob(job.getId());
              return null;
            } catch (RuntimeException e) {
              return e;
            }
          });
        }
        try {
          assertThat(slowSmtp.awaitConnection(Duration.ofSeconds(60))).as("one execution sends").isTrue();
          // The other one sent nothing and failed at once, so that its job is retried.
          Future<Throwable> first = runs.poll(60, TimeUnit.SECONDS);
          if (first == null) {
            Thread.getAllStackTraces().forEach((t, stack) -> System.out.println(t.getName() + "\n  "
                + String.join("\n  ", java.util.Arrays.stream(stack).map(String::valueOf).toList())));
          }
          assertThat(first).as("an execution ended while the other was sending").isNotNull();
          assertThat(first.get()).as("job %s", job.getId()).isNotNull()
              .satisfies(f -> assertThat(causedBy(f, MailInFlightException.class)).as(String.valueOf(f)).isTrue());
          assertThat(slowSmtp.connections()).as("no second connection").isEqualTo(perMember.indexOf(job) + 1);
        } finally {
          slowSmtp.releaseGreetings();
        }
        // The sender ends (its job's commit may lose to the other's failure: the job is then retried).
        assertThat(runs.poll(60, TimeUnit.SECONDS)).as("the sender ended").isNotNull();
      }
    } finally {
      twoNodes.shutdownNow();
    }

    // The retried jobs find their mail sent and complete without sending it again.
    sender.setPort(smtp.getSmtp().getPort());
    Workflow.clockAt("2028-03-01T09:06:00+01:00");
    assertThat(Jobs.runAllowingFailures(managementService)).isZero();
    assertThat(managementService.createJobQuery().processInstanceId(instance).activityId("sendConvocation").count())
        .isZero();
    for (String member : BUREAU_MEMBERS) {
      String id = "convocation-" + session + "-1-" + member;
      assertThat(Mails.withMessageId(smtp, mail.messageId(id))).as(member).hasSize(1);
      assertThat(mail.delivery(id)).get().satisfies(d -> {
        assertThat(d.status()).isEqualTo("SENT");
        assertThat(d.attempts()).isEqualTo(1);
      });
    }
  }

  @Test
  void aClaimLeftByADeadNodeHoldsUntilItExpiresThenIsTakenOverWithTheSameMessageId() {
    String session = convoked("2028-05-02", "2028-05-18T18:00:00+02:00");
    String instance = processInstance(session);
    managementService.createJobQuery().processInstanceId(instance).executable().list()
        .forEach(j -> managementService.executeJob(j.getId()));
    Job job = managementService.createJobQuery().processInstanceId(instance).executable().list().stream()
        .filter(j -> "lmonnet".equals(runtimeService.getVariable(j.getExecutionId(), "memberId")))
        .findFirst().orElseThrow();
    String id = "convocation-" + session + "-1-lmonnet";
    // A node claimed the mail at 09:00 and died in the middle of its send.
    jdbc.sql("""
            insert into comitia.mail_delivery (id, kind, recipient, recipient_id, subject, session_id, status, attempts,
                   queued_at, claim_token, claim_expires_at)
            values (:id, 'CONVOCATION', 'luc.monnet@elus.example.org', 'lmonnet', 'Convocation', :session, 'SENDING', 1,
                   :now, 'dead-node', :expires)""")
        .param("id", id).param("session", session)
        .param("now", OffsetDateTime.parse("2028-05-02T09:00:00+01:00"))
        .param("expires", OffsetDateTime.parse("2028-05-02T09:05:00+01:00")).update();

    Workflow.clockAt("2028-05-02T09:04:00+01:00");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> managementService.executeJob(job.getId()))
        .satisfies(e -> assertThat(causedBy(e, MailInFlightException.class)).as(String.valueOf(e)).isTrue());
    assertThat(Mails.withMessageId(smtp, mail.messageId(id))).isEmpty();

    Workflow.clockAt("2028-05-02T09:06:00+01:00");
    managementService.executeJob(job.getId());
    assertThat(Mails.withMessageId(smtp, mail.messageId(id))).singleElement()
        .satisfies(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo("luc.monnet@elus.example.org"));
    assertThat(mail.delivery(id)).get().satisfies(d -> {
      assertThat(d.status()).isEqualTo("SENT");
      assertThat(d.attempts()).isEqualTo(2);
    });
  }

  @Test
  void theProxyNoticeWithTheSmtpServerDownIsRetriedThenAnIncidentThenSentOnceWhenItIsBack() throws Exception {
    String session = convoked("2028-04-03", "2028-04-20T18:00:00+02:00");
    flow.executeJobs();
    String link = Mails.proxyLink(Mails.withMessageId(smtp, mail.messageId("convocation-" + session + "-1-avanpeene"))
        .get(0));

    // A server that takes 10 s to answer: the page does not wait for it.
    slowSmtp.greetingDelay(Duration.ofSeconds(10));
    sender.setPort(slowSmtp.port());
    long started = System.nanoTime();
    ResponseEntity<String> page = post(rest.getRootUri() + link, Map.of("status", "EXCUSED", "holderId", "lmonnet"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("Votre déclaration est enregistrée.");
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertThat(slowSmtp.connections()).as("nothing sent during the request").isZero();

    String noticeId = jdbc.sql("select id from comitia.mail_delivery where kind = 'PROXY' and session_id = :s")
        .param("s", session).query(String.class).single();
    assertThat(noticeId).matches("proxy-\\d+-given");
    assertThat(mail.delivery(noticeId)).get().satisfies(d -> {
      assertThat(d.status()).isEqualTo("QUEUED");
      assertThat(d.recipientId()).isEqualTo("lmonnet");
    });
    String notice = processInstance(noticeId);

    // Then the server is down: five attempts five minutes apart, then an incident.
    sender.setPort(Jobs.closedPort());
    int failures = Jobs.runAllowingFailures(managementService);
    for (int attempt = 1; attempt <= 5; attempt++) {
      Workflow.clockAt(OffsetDateTime.parse("2028-04-03T09:00:00+01:00").plusMinutes(6L * attempt).toString());
      failures += Jobs.runAllowingFailures(managementService);
    }
    assertThat(failures).isEqualTo(5);
    List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(notice).list();
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).getIncidentMessage()).contains("Pouvoir reçu de Mme Anne VANPEENE")
        .contains("luc.monnet@elus.example.org");
    assertThat(mail.delivery(noticeId)).get().satisfies(d -> {
      assertThat(d.status()).isEqualTo("FAILED");
      assertThat(d.attempts()).isEqualTo(5);
      assertThat(d.lastError()).containsIgnoringCase("connect");
    });
    assertThat(Mails.received(smtp, "luc.monnet@elus.example.org", "Pouvoir reçu")).isEmpty();

    // The server is back; an operator retries the incident in Cockpit: the holder gets one notice.
    sender.setPort(smtp.getSmtp().getPort());
    managementService.setJobRetries(incidents.get(0).getConfiguration(), 1);
    assertThat(Jobs.runAllowingFailures(managementService)).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(notice).count()).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(notice).count()).as("ended").isZero();
    assertThat(Mails.withMessageId(smtp, mail.messageId(noticeId))).singleElement().satisfies(m -> {
      assertThat(m.getAllRecipients()[0].toString()).isEqualTo("luc.monnet@elus.example.org");
      assertThat(m.getSubject()).startsWith("Pouvoir reçu de Mme Anne VANPEENE — Bureau du jeudi 20 avril 2028");
      assertThat(Mails.text(m)).contains("Anne VANPEENE");
    });
    assertThat(mail.delivery(noticeId)).get().satisfies(d -> {
      assertThat(d.status()).isEqualTo("SENT");
      assertThat(d.attempts()).isEqualTo(6);
    });
  }

  ResponseEntity<String> post(String url, Map<String, String> form) {
    LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
    form.forEach(body::add);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return new TestRestTemplate().exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }
}
