package fr.comitia.legality;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.ATTENDANCE;
import static fr.comitia.session.SessionVariables.PRESIDING_MEMBER_ID;
import static fr.comitia.session.SessionVariables.SESSION_SECRETARY_ID;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;
import static fr.comitia.session.SessionVariables.URGENT;
import static fr.comitia.support.Nodes.complete;
import static fr.comitia.support.Nodes.runJobs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.ComitiaApplication;
import fr.comitia.deliberation.DeliberationService;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.register.Draft;
import fr.comitia.session.SessionService;
import fr.comitia.support.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Comitia stops after the act was handed to S²LOW (the local fake of its API) and before the ARActe
 * came: the next start asks S²LOW again, hands nothing over twice, and the act becomes enforceable.
 */
class TransmissionRestartIT {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static ConfigurableApplicationContext start(Path data, S2lowFake s2low) {
    List<String> args = new ArrayList<>(List.of("--server.port=0",
        // Its own engine name: closing this context must not unregister the shared test context's engine.
        "--camunda.bpm.process-engine-name=transmissionrestartit",
        "--comitia.embedded.postgres.data-directory=" + data, "--comitia.embedded.smtp.port=0",
        "--camunda.bpm.job-execution.enabled=false"));
    s2low.comitiaProperties(data.resolveSibling(data.getFileName() + "-s2low"))
        .forEach((key, value) -> args.add("--" + key + "=" + value));
    return new SpringApplicationBuilder(ComitiaApplication.class).run(args.toArray(String[]::new));
  }

  /** A bureau act adopted on 12 March 2026 and signed the next day: sealed, published, handed to S²LOW. */
  private static String signedAndTransmitted(ConfigurableApplicationContext app) throws Exception {
    Workflow.clockAt("2026-02-20T09:00:00+01:00");
    String id = app.getBean(DeliberationService.class).submit(new Draft("bureau",
        "Adhésion au service commun de télétransmission des actes", null, null, List.of(), null,
        List.of(new Draft.Article("DECIDE", "d'adhérer au service commun.")), List.of(), List.of(), null, null, "1.4"));
    complete(app, "directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    String session = app.getBean(SessionService.class).submit("bureau", "2026-03-12T18:00:00+01:00", "Arras");
    complete(app, "secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, "[\"" + id + "\"]"));
    Workflow.clockAt("2026-03-02T09:00:00+01:00");
    complete(app, "ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    runJobs(app);
    Workflow.clockAt("2026-03-12T18:00:00+01:00");
    runJobs(app);
    complete(app, "secretariat", session, TASK_ROLL_CALL, Map.of(
        ATTENDANCE, new ObjectMapper().writeValueAsString(Workflow.attendance(Workflow.BUREAU)),
        PRESIDING_MEMBER_ID, "ccoulon", SESSION_SECRETARY_ID, "lmonnet"));
    complete(app, "secretariat", session, TASK_RECORD_VOTE, Workflow.vote(5, 0, 0));
    Workflow.clockAt("2026-03-13T09:00:00+01:00");
    complete(app, "ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    runJobs(app);
    return id;
  }

  @Test
  void stoppedBetweenTheTransmissionAndTheArActeTheActIsTransmittedOnceAndBecomesEnforceable() throws Exception {
    Path data = Path.of("target", "test-data", "restart-transmission-" + UUID.randomUUID());
    try (S2lowFake s2low = S2lowFake.start()) {
      String id;
      String transaction;
      try (ConfigurableApplicationContext first = start(data, s2low)) {
        id = signedAndTransmitted(first);
        assertThat(s2low.posts()).hasSize(1);
        assertThat(s2low.violations()).isEmpty();
        DeliberationRecord record = first.getBean(DeliberationRecords.class).find(id).orElseThrow();
        assertThat(record.transmission().status()).isEqualTo("TRANSMITTED");
        assertThat(record.enforceableAt()).isNull();
        transaction = first.getBean(TransmissionService.class).latest(id).orElseThrow().transactionId();
      }

      // While Comitia is down, the prefecture acknowledges receipt.
      s2low.setStatus(transaction, 4, "Acquittement reçu");

      try (ConfigurableApplicationContext second = start(data, s2low)) {
        Workflow.clockAt("2026-03-13T09:30:00+01:00");
        runJobs(second);
        DeliberationRecord record = second.getBean(DeliberationRecords.class).find(id).orElseThrow();
        assertThat(record.transmission().status()).isEqualTo("ACKNOWLEDGED");
        assertThat(record.transmission().attempt()).isEqualTo(1);
        assertThat(record.transmission().actesId()).startsWith("059-200041036-20260312-");
        assertThat(record.enforceableAt()).isEqualTo(record.publication().publishedAt());
        assertThat(record.status()).isIn("ENFORCEABLE", "NOTIFIED");
        assertThat(s2low.posts()).as("nothing handed over twice").hasSize(1);
        assertThat(s2low.violations()).isEmpty();
      }
    }
  }
}
