package fr.comitia.benchmark;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.session.SessionVariables.URGENT;
import static fr.comitia.session.SessionVariables.VOTES_FOR;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.deliberation.DeliberationService;
import fr.comitia.register.DeliberationStatus;
import fr.comitia.register.Draft;
import fr.comitia.notification.NotificationService;
import fr.comitia.session.SessionService;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * Carries deliberations from draft to notified through sessions, phase by phase (the engine's clock
 * is one for all, and moves between phases): submit and review every draft; open the sessions and
 * build their agendas ({@code itemsPerSession} items each); the president signs the convocations
 * seven days before; the convocation jobs run; on the session day the timers fire, the roll call
 * (every member present) and the votes (all adopted) are taken; the next day the president signs
 * the extracts, the sealing and notification jobs run, each partner acknowledges, and the sessions
 * are closed. Within a phase, independent items run on the worker threads (the roll calls and votes
 * excepted: one session after the other).
 */
final class Lifecycle {

  /** What differs between Comitia and the bare engine; the rest of the driving is the same. */
  interface Flavour {
    String name();

    String submitDeliberation();

    String startSession(OffsetDateTime sessionDate);

    void acknowledge(String deliberationKey);

    /** Checks that each deliberation ended notified and each session closed (not timed). */
    void checkDone(List<String> deliberations, List<String> sessions);
  }

  record Result(String flavour, int deliberations, int sessions, int jobs, Duration wall,
      Map<String, Duration> phases, CpuMeter.Reading cpu, long sqlStatements) {
    double perSecond() {
      return deliberations / (wall.toNanos() / 1e9);
    }

    /** CPU milliseconds (JVM + PostgreSQL) per deliberation. */
    double cpuMsPerDeliberation() {
      return cpu.totalNanos() / 1e6 / deliberations;
    }
  }

  private final Driver driver;
  private final ManagementService management;
  private final Parallel parallel;
  private final List<String> memberIds;
  private final String presidentId;
  private final String presidingId;
  private final String secretaryId;
  private final String attendanceJson;
  private final CpuMeter cpu;
  private final SqlCounter sql;

  Lifecycle(Driver driver, ManagementService management, Parallel parallel, List<String> memberIds,
      String presidentId, String secretaryId, ObjectMapper json, CpuMeter cpu, SqlCounter sql) {
    this.driver = driver;
    this.cpu = cpu;
    this.sql = sql;
    this.management = management;
    this.parallel = parallel;
    this.memberIds = memberIds;
    this.presidentId = presidentId;
    this.presidingId = presidentId;
    this.secretaryId = secretaryId;
    List<Map<String, Object>> attendance = new ArrayList<>();
    for (String id : memberIds) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("memberId", id);
      e.put("status", "PRESENT");
      e.put("proxyHolderId", null);
      attendance.add(e);
    }
    this.attendanceJson = write(json, attendance);
  }

  static void clock(OffsetDateTime at) {
    ClockUtil.setCurrentTime(Date.from(at.toInstant()));
  }

  Result run(Flavour flavour, int deliberations, int itemsPerSession, OffsetDateTime start) {
    int sessions = (deliberations + itemsPerSession - 1) / itemsPerSession;
    OffsetDateTime sessionDate = start.plusDays(30).withHour(10).withMinute(0).withSecond(0).withNano(0);
    Map<String, Duration> phases = new LinkedHashMap<>();
    String[] keys = new String[deliberations];
    String[] sessionKeys = new String[sessions];
    AtomicInteger jobs = new AtomicInteger();
    List<Integer> items = IntStream.range(0, deliberations).boxed().toList();
    List<Integer> sessionIndexes = IntStream.range(0, sessions).boxed().toList();

    clock(start);
    sql.reset();
    CpuMeter.Reading cpuBefore = cpu.read();
    long t0 = System.nanoTime();
    long mark = t0;

    parallel.each(items, i -> {
      keys[i] = flavour.submitDeliberation();
      driver.complete("directeur", keys[i], TASK_REVIEW, Map.of(APPROVED, true));
    });
    mark = phase(phases, "dépôt et validation des projets", mark);

    clock(start.plusHours(1));
    parallel.each(sessionIndexes, s -> {
      sessionKeys[s] = flavour.startSession(sessionDate);
      List<String> agenda = Arrays.asList(keys).subList(s * itemsPerSession,
          Math.min(deliberations, (s + 1) * itemsPerSession));
      driver.complete("secretariat", sessionKeys[s], TASK_BUILD_AGENDA,
          Map.of("agenda", SpinValues.jsonValue(toJsonArray(agenda)).create()));
    });
    mark = phase(phases, "séances et ordres du jour", mark);

    clock(sessionDate.minusDays(7));
    parallel.each(sessionIndexes, s ->
        driver.complete(presidentId, sessionKeys[s], TASK_SIGN_CONVOCATION, Map.of(URGENT, false)));
    jobs.addAndGet(parallel.runJobs(management));
    mark = phase(phases, "signature des convocations et envoi (" + memberIds.size() + " membres par séance)", mark);

    clock(sessionDate.plusMinutes(1));
    jobs.addAndGet(parallel.runJobs(management));
    // One session after the other: the first vote of a body's sitting approves its previous minutes, which
    // two sittings of the same body held at once would both put to the vote.
    sessionIndexes.forEach(s -> {
      Map<String, Object> rollCall = new LinkedHashMap<>();
      rollCall.put("attendance", SpinValues.jsonValue(attendanceJson).create());
      rollCall.put("presidingMemberId", presidingId);
      rollCall.put("sessionSecretaryId", secretaryId);
      driver.complete("secretariat", sessionKeys[s], TASK_ROLL_CALL, rollCall);
      driver.voteAll(sessionKeys[s], memberIds.size());
    });
    mark = phase(phases, "ouverture, appel et votes", mark);

    clock(sessionDate.plusDays(1));
    parallel.each(items, i -> driver.complete(presidentId, keys[i], TASK_SIGN, Map.of(SIGNED, true)));
    jobs.addAndGet(parallel.runJobs(management));
    // Comitia: published and transmitted; the simulated prefecture acknowledges two minutes later.
    clock(sessionDate.plusDays(1).plusMinutes(3));
    jobs.addAndGet(parallel.runJobs(management));
    mark = phase(phases, "signature, publication, transmission, accusé de la préfecture et notification", mark);

    parallel.each(items, i -> flavour.acknowledge(keys[i]));
    parallel.each(sessionIndexes, s -> driver.complete("secretariat", sessionKeys[s], TASK_CLOSE, Map.of()));
    jobs.addAndGet(parallel.runJobs(management));
    long end = System.nanoTime();
    CpuMeter.Reading used = cpu.read().minus(cpuBefore);
    long statements = sql.collect(flavour.name());
    phase(phases, "accusés de réception et clôture des séances", mark);

    flavour.checkDone(List.of(keys), List.of(sessionKeys));
    return new Result(flavour.name(), deliberations, sessions, jobs.get(), Duration.ofNanos(end - t0), phases,
        used, statements);
  }

  private static long phase(Map<String, Duration> phases, String name, long since) {
    long now = System.nanoTime();
    phases.put(name, Duration.ofNanos(now - since));
    return now;
  }

  private static String toJsonArray(List<String> ids) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < ids.size(); i++) {
      out.append(i == 0 ? "" : ",").append('"').append(ids.get(i)).append('"');
    }
    return out.append(']').toString();
  }

  private static String write(ObjectMapper json, Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- The two flavours ---------------------------------------------------------------------------

  /** Comitia: its services and processes, register, documents, mails; each draft its own text. */
  static final class Comitia implements Flavour {
    private static final AtomicInteger DRAFTS = new AtomicInteger();

    private final Driver driver;
    private final DeliberationService deliberations;
    private final SessionService sessions;
    private final NotificationService notifications;
    private final RuntimeService runtime;
    private final Draft draft;
    private final String bodyId;

    Comitia(Driver driver, DeliberationService deliberations, SessionService sessions,
        NotificationService notifications, RuntimeService runtime, Draft draft) {
      this.driver = driver;
      this.deliberations = deliberations;
      this.sessions = sessions;
      this.notifications = notifications;
      this.runtime = runtime;
      this.draft = draft;
      this.bodyId = draft.bodyId();
    }

    @Override
    public String name() {
      return "Comitia";
    }

    @Override
    public String submitDeliberation() {
      Draft numbered = numbered(draft, DRAFTS.incrementAndGet());
      return driver.as("redacteur", () -> deliberations.submit(numbered));
    }

    /** A distinct draft (object and preamble numbered): no two drafts render the same document. */
    static Draft numbered(Draft d, int n) {
      return new Draft(d.bodyId(), d.object() + " (projet n° " + n + " du benchmark)", d.rapporteurId(),
          "Projet n° " + n + " du benchmark.\n\n" + d.preamble(), d.visas(), d.proposal(), d.articles(),
          d.annexes(), d.partners(), d.note(), d.nature(), d.matiere());
    }

    @Override
    public String startSession(OffsetDateTime sessionDate) {
      return driver.as("secretariat", () -> sessions.submit(bodyId, sessionDate.toString(),
          "Lille, salle du comité"));
    }

    /** What the acknowledgement page's button does once the link's token is checked. */
    @Override
    public void acknowledge(String deliberationKey) {
      for (fr.comitia.register.NotificationRepository.Notification n : notifications.forDeliberation(deliberationKey)) {
        notifications.acknowledge(n.id(), "lien de notification");
      }
    }

    @Override
    public void checkDone(List<String> keys, List<String> sessionKeys) {
      for (String id : keys) {
        DeliberationStatus status = deliberations.status(id).orElseThrow();
        if (status != DeliberationStatus.NOTIFIED || runtime.createProcessInstanceQuery()
            .processInstanceBusinessKey(id).count() != 0) {
          throw new IllegalStateException("Deliberation " + id + " not notified: " + status);
        }
      }
      for (String id : sessionKeys) {
        if (runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count() != 0) {
          throw new IllegalStateException("Session " + id + " not closed");
        }
      }
    }
  }

  /** The bare engine: {@link BareModels}, driven the same way. */
  static final class Bare implements Flavour {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Driver driver;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final List<String> memberIds;

    Bare(Driver driver, RuntimeService runtime, HistoryService history, List<String> memberIds) {
      this.driver = driver;
      this.runtime = runtime;
      this.history = history;
      this.memberIds = memberIds;
    }

    @Override
    public String name() {
      return "moteur nu";
    }

    @Override
    public String submitDeliberation() {
      String key = "BD-" + SEQUENCE.incrementAndGet();
      driver.as("redacteur", () -> runtime.startProcessInstanceByKey(BareModels.DELIBERATION, key));
      return key;
    }

    @Override
    public String startSession(OffsetDateTime sessionDate) {
      String key = "BS-" + SEQUENCE.incrementAndGet();
      driver.as("secretariat", () -> runtime.startProcessInstanceByKey(BareModels.SESSION, key,
          Variables.createVariables().putValue("sessionDate", sessionDate.toString())
              .putValue("members", new ArrayList<>(memberIds))));
      return key;
    }

    @Override
    public void acknowledge(String deliberationKey) {
      runtime.createMessageCorrelation(BareModels.ACKNOWLEDGED).processInstanceBusinessKey(deliberationKey)
          .correlate();
    }

    @Override
    public void checkDone(List<String> keys, List<String> sessionKeys) {
      for (String id : keys) {
        HistoricProcessInstance h = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
            .singleResult();
        if (h == null || h.getEndTime() == null || !"deliberationNotified".equals(h.getEndActivityId())) {
          throw new IllegalStateException("Bare deliberation " + id + " not notified");
        }
      }
      for (String id : sessionKeys) {
        HistoricProcessInstance h = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id)
            .singleResult();
        if (h == null || h.getEndTime() == null) {
          throw new IllegalStateException("Bare session " + id + " not closed");
        }
      }
    }
  }
}
