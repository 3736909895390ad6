package fr.comitia.demo;

import static fr.comitia.session.SessionVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.deliberation.DeliberationService;
import fr.comitia.deliberation.DeliberationVariables;
import fr.comitia.notification.NotificationService;
import fr.comitia.platform.StartupLock;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.register.Draft;
import fr.comitia.register.NotificationRepository;
import fr.comitia.session.SessionService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.plugin.variable.SpinValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At the first start of the demonstration (an empty register), deliberation 2022-14 of the seed is
 * replayed as it happened, through the same services, tasks and jobs as a real case, on the
 * engine's clock of 2022: draft of 20 May validated; session of 16 June 2022 at Lille built on
 * 1 June, convocation signed on 10 June and mailed to the 22 members; roll call with the six
 * proxies, quorum by the statuts (13 of 22), vote 13/0/0, session closed; extract signed on 17 June,
 * published, transmitted to the simulated prefecture and acknowledged, enforceable, notified to the
 * Conseil régional, who acknowledges on 23 June. The clock is then given back to real time.
 */
@Component
@Profile("demo")
class SeedReplay {

  private static final Logger log = LoggerFactory.getLogger(SeedReplay.class);
  static final String SESSION_DATE = "2022-06-16T10:00:00+02:00";

  private final DemoSettings settings;
  private final StartupLock startupLock;
  private final DeliberationRecords records;
  private final DeliberationService deliberations;
  private final SessionService sessions;
  private final NotificationService notifications;
  private final NotificationRepository notificationRows;
  private final EngineDriver engine;
  private final ProcessEngine processEngine;
  private final ObjectMapper json;

  SeedReplay(DemoSettings settings, StartupLock startupLock, DeliberationRecords records,
      DeliberationService deliberations, SessionService sessions, NotificationService notifications,
      NotificationRepository notificationRows, EngineDriver engine, ProcessEngine processEngine, ObjectMapper json) {
    this.settings = settings;
    this.startupLock = startupLock;
    this.records = records;
    this.deliberations = deliberations;
    this.sessions = sessions;
    this.notifications = notifications;
    this.notificationRows = notificationRows;
    this.engine = engine;
    this.processEngine = processEngine;
    this.json = json;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(50)
  void onReady() {
    if (settings.replaySeed()) {
      startupLock.exclusively("rejeu de la délibération 2022-14 (démonstration)", this::replayOnce);
    }
  }

  /** Replays the case unless the register holds anything already; returns the deliberation's id, or null. */
  String replayOnce() {
    if (!records.list(null, null, null).isEmpty()) {
      return null;
    }
    JobExecutor executor = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getJobExecutor();
    boolean running = executor != null && executor.isActive();
    if (running) {
      // The replay runs the jobs itself, on the clock of 2022.
      executor.shutdown();
    }
    try {
      String id = replay();
      log.info("Démonstration : la délibération 2022-14 (séance du 16 juin 2022 à Lille) est rejouée au registre, "
          + "jusqu'à sa notification et son accusé de réception ; ses courriels sont dans /api/mailbox.");
      return id;
    } finally {
      ClockUtil.reset();
      if (running) {
        executor.start();
      }
    }
  }

  private String replay() {
    EngineDriver.clockAt("2022-05-20T09:00:00+02:00");
    Draft draft = read("deliberation-2022-14.json", Draft.class);
    String[] id = new String[1];
    engine.as("redacteur", () -> id[0] = deliberations.submit(draft));
    String deliberation = id[0];
    engine.complete("directeur", deliberation, DeliberationVariables.TASK_REVIEW,
        Map.of(DeliberationVariables.APPROVED, true));

    EngineDriver.clockAt("2022-06-01T09:00:00+02:00");
    String[] sid = new String[1];
    engine.as("secretariat", () -> sid[0] = sessions.submit("comitesyndical", SESSION_DATE,
        "Lille, dans les locaux du Conseil régional des Hauts-de-France"));
    String session = sid[0];
    engine.complete("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(deliberation)));
    EngineDriver.clockAt("2022-06-10T11:00:00+02:00");
    engine.complete("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    engine.runDueJobs();

    EngineDriver.clockAt(SESSION_DATE);
    engine.runDueJobs();
    Map<String, Object> rollCall = new LinkedHashMap<>();
    rollCall.put(ATTENDANCE, SpinValues.jsonValue(text("attendance-2022-06-16.json")).create());
    rollCall.put(PRESIDING_MEMBER_ID, "bmesseannegrobelny");
    rollCall.put(SESSION_SECRETARY_ID, "cbachelet");
    engine.complete("secretariat", session, TASK_ROLL_CALL, rollCall);
    EngineDriver.clockAt("2022-06-16T10:40:00+02:00");
    Map<String, Object> vote = new LinkedHashMap<>();
    vote.put(WITHDRAWN, false);
    vote.put(VOTES_FOR, 13);
    vote.put(VOTES_AGAINST, 0);
    vote.put(ABSTENTIONS, 0);
    vote.put(NOT_PARTICIPATING, 0);
    vote.put(SECRET_BALLOT, false);
    engine.complete("secretariat", session, TASK_RECORD_VOTE, vote);
    EngineDriver.clockAt("2022-06-16T11:00:00+02:00");
    engine.complete("secretariat", session, TASK_CLOSE, Map.of());
    engine.runDueJobs();

    EngineDriver.clockAt("2022-06-17T15:00:00+02:00");
    engine.complete("ccoulon", deliberation, DeliberationVariables.TASK_SIGN, Map.of(DeliberationVariables.SIGNED, true));
    // Sealed, published, transmitted; the simulated prefecture acknowledges a few minutes later.
    engine.passMinutesWhile("arActeDue", 30);

    EngineDriver.clockAt("2022-06-23T09:30:00+02:00");
    engine.runDueJobs();
    notificationRows.forDeliberation(deliberation)
        .forEach(n -> notifications.acknowledge(n.id(), "lien d'accusé de réception (démonstration)"));
    engine.runDueJobs();
    return deliberation;
  }

  private <T> T read(String file, Class<T> type) {
    try {
      return json.readValue(text(file), type);
    } catch (IOException e) {
      throw new UncheckedIOException("Démonstration : " + file + " illisible", e);
    }
  }

  private String text(String file) {
    Path path = Path.of(settings.seedDirectory(), file);
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Démonstration : " + path.toAbsolutePath() + " introuvable", e);
    }
  }
}
