package fr.comitia.session;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaApplication;
import fr.comitia.deliberation.DeliberationService;
import fr.comitia.register.Draft;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application dies in the middle of sending the convocations (one mail accepted by the SMTP
 * server but its job not committed, others not sent yet) and is started again on the same
 * database: every member ends with exactly one convocation.
 */
class ConvocationRestartIT {

  private static ConfigurableApplicationContext start(Path data) {
    return new SpringApplicationBuilder(ComitiaApplication.class).run(
        "--server.port=0",
        // Its own engine name: closing this context must not unregister the shared test context's engine.
        "--camunda.bpm.process-engine-name=convocationrestartit", "--comitia.embedded.postgres.data-directory=" + data, "--comitia.embedded.smtp.port=0",
        "--camunda.bpm.job-execution.enabled=false");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static void complete(ConfigurableApplicationContext app, String user, String key, String taskKey,
      Map<String, Object> vars) {
    fr.comitia.support.Nodes.complete(app, user, key, taskKey, vars);
  }

  private static List<String> recipients(GreenMail smtp) {
    List<String> to = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        if (m.getSubject().startsWith("Convocation")) {
          to.add(m.getAllRecipients()[0].toString());
        }
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return to;
  }

  @Test
  void killedInTheMiddleOfTheConvocationsAndRestartedNoneIsLostNoneIsDoubled() {
    Path data = Path.of("target", "test-data", "restart-mail-" + UUID.randomUUID());
    List<String> received = new ArrayList<>();
    String session;

    try (ConfigurableApplicationContext first = start(data)) {
      ClockUtil.setCurrentTime(java.util.Date.from(java.time.Instant.parse("2029-03-01T08:00:00Z")));
      String id = first.getBean(DeliberationService.class).submit(new Draft("bureau", "Budget annexe 2029", null, null,
          List.of(), null, List.of(new Draft.Article("ADOPTE", "le budget annexe.")), List.of(), List.of(), null, null, "7.1"));
      complete(first, "directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
      session = first.getBean(SessionService.class).submit("bureau", "2029-03-15T18:00:00+01:00", "Arras");
      complete(first, "secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, "[\"" + id + "\"]"));
      complete(first, "ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));

      ManagementService jobs = first.getBean(ManagementService.class);
      // The multi-instance body makes one job per member.
      jobs.createJobQuery().executable().list().forEach(j -> jobs.executeJob(j.getId()));
      List<Job> perMember = jobs.createJobQuery().executable().list();
      assertThat(perMember).hasSize(5);
      jobs.executeJob(perMember.get(0).getId());
      jobs.executeJob(perMember.get(1).getId());
      // Third member: the SMTP server accepts the mail, then the node dies before its job commits.
      String third = (String) first.getBean(org.camunda.bpm.engine.RuntimeService.class)
          .getVariable(perMember.get(2).getExecutionId(), "memberId");
      first.getBean(TransactionTemplate.class).executeWithoutResult(tx -> {
        first.getBean(ConvocationMailer.class).send(session, third);
        tx.setRollbackOnly();
      });
      received.addAll(recipients(first.getBean(GreenMail.class)));
      assertThat(received).hasSize(3);
    }

    try (ConfigurableApplicationContext second = start(data)) {
      ManagementService jobs = second.getBean(ManagementService.class);
      assertThat(jobs.createJobQuery().executable().count()).as("jobs of the unsent or uncommitted mails").isEqualTo(3);
      jobs.createJobQuery().executable().list().forEach(j -> jobs.executeJob(j.getId()));
      received.addAll(recipients(second.getBean(GreenMail.class)));
    }

    Map<String, Long> perMember = received.stream().collect(Collectors.groupingBy(r -> r, Collectors.counting()));
    assertThat(perMember).hasSize(5).allSatisfy((member, count) -> assertThat(count).as(member).isEqualTo(1L));
  }
}
