package fr.comitia.benchmark;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.session.SessionVariables.URGENT;
import static fr.comitia.session.SessionVariables.VOTES_AGAINST;
import static fr.comitia.session.SessionVariables.VOTES_FOR;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.ComitiaApplication;
import fr.comitia.deliberation.DeliberationService;
import fr.comitia.register.Draft;
import fr.comitia.document.ExtractService;
import fr.comitia.document.PdfSigner;
import fr.comitia.document.SignatureKeys;
import fr.comitia.document.SignedExtracts;
import fr.comitia.notification.NotificationService;
import fr.comitia.roster.Organisation;
import fr.comitia.session.SessionService;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Comitia's benchmark: what a deliberation costs the machine and how far one node goes, against the
 * bare Camunda engine and a plain Jakarta Mail loop, on the embedded PostgreSQL and SMTP server.
 * Not a test: it runs only with {@code mvn -Pbenchmark verify} (README, « Mesurer les
 * performances »), prints one Markdown table and writes it to {@code target/benchmark/results.md}.
 *
 * <p>Parameters (system properties, {@code -Dbench.…}): {@code deliberations} (500),
 * {@code itemsPerSession} (10), {@code warmupDeliberations} (20), {@code fanoutMembers} (200),
 * {@code documentRuns} (50), {@code documentWarmup} (10), {@code history} (50000),
 * {@code queryRuns} (200), {@code queryWarmup} (50), {@code openDrafts} (40),
 * {@code threads} (the number of cores), {@code startup} (true), {@code keepData} (false).
 */
class ComitiaBenchmark {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final String SEED_SESSION_DATE = "2022-06-16T10:00:00+02:00";
  static final String SEED_PLACE = "Lille, dans les locaux du Conseil régional des Hauts-de-France";

  // --- Parameters --------------------------------------------------------------------------------

  static int param(String name, int defaultValue) {
    String value = System.getProperty("bench." + name);
    return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.strip());
  }

  static boolean flag(String name, boolean defaultValue) {
    String value = System.getProperty("bench." + name);
    return value == null || value.isBlank() ? defaultValue : Boolean.parseBoolean(value.strip());
  }

  final int deliberations = param("deliberations", 500);
  final int itemsPerSession = param("itemsPerSession", 10);
  final int warmupDeliberations = param("warmupDeliberations", 20);
  final int rounds = param("rounds", 5);
  final int fanoutRounds = param("fanoutRounds", 3);
  final int fanoutMembers = param("fanoutMembers", 200);
  final int documentRuns = param("documentRuns", 50);
  final int documentWarmup = param("documentWarmup", 10);
  final int history = param("history", 50_000);
  final int queryRuns = param("queryRuns", 200);
  final int queryWarmup = param("queryWarmup", 50);
  final int openDrafts = param("openDrafts", 40);
  final int threads = param("threads", Runtime.getRuntime().availableProcessors());
  final boolean startup = flag("startup", true);
  final boolean keepData = flag("keepData", false);

  final Path base = Path.of("").toAbsolutePath();
  final Path benchDir = base.resolve("target/bench");
  final Path resultsDir = base.resolve("target/benchmark");
  final List<Row> rows = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  final Map<String, Lifecycle.Result> lifecycles = new LinkedHashMap<>();
  String postgresVersion = "?";
  /** The figures of results.json, by key (numbers only). */
  final Map<String, Double> figures = new LinkedHashMap<>();
  /** The load of other processes on the machine during each measure, by measure. */
  final Map<String, Double> loads = new LinkedHashMap<>();
  final List<Double> convocationBytes = new ArrayList<>();

  record Row(String measure, String comitia, String reference, String ratio, String n, String how) {}

  // --- Beans of the benchmark's Comitia ----------------------------------------------------------

  ConfigurableApplicationContext app;
  Driver driver;
  Parallel parallel;
  ManagementService management;
  RuntimeService runtime;
  TaskService taskService;
  HistoryService historyService;
  DeliberationService deliberationService;
  SessionService sessionService;
  NotificationService notificationService;
  Organisation organisation;
  SmtpReceiver smtp;
  io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
  SqlCounter sql;
  JdbcTemplate jdbc;
  ObjectMapper json;
  CpuMeter cpu;

  @Test
  void run() throws Exception {
    long begin = System.nanoTime();
    String run = UUID.randomUUID().toString().substring(0, 8);
    Path runDir = benchDir.resolve("run-" + run);
    Files.createDirectories(runDir);
    Files.createDirectories(resultsDir);
    cpu = new CpuMeter(runDir.resolve("postgres"));
    CpuMeter.Reading runStart = cpu.read();
    Path organisationFile = BenchOrganisation.write(base.resolve("config/organisation.yml"),
        runDir.resolve("organisation.yml"), fanoutMembers);
    log("Benchmark Comitia — %d délibérations, %d par séance, %d fils ; données dans %s", deliberations,
        itemsPerSession, threads, runDir);
    try {
      smtp = SmtpReceiver.start(runDir.resolve("smtp-receiver.log"));
      postgres = SqlCounter.start(runDir.resolve("postgres"));
      app = new SpringApplicationBuilder(ComitiaApplication.class).run(
          "--server.port=0", "--comitia.demo.replay-seed=false",
          "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
          "--spring.datasource.username=postgres",
          "--spring.datasource.hikari.maximum-pool-size=20",
          "--spring.mail.host=127.0.0.1",
          "--spring.mail.port=" + smtp.port(),
          "--camunda.bpm.job-execution.enabled=false",
          "--comitia.organisation=file:" + organisationFile,
          "--comitia.signature.keystore=" + runDir.resolve("president.p12"),
          "--spring.main.banner-mode=off",
          "--logging.level.root=WARN");
      beans();
      notes.add("Le Comitia du benchmark est celui du lancement par défaut (profil demo, organisation livrée plus "
          + "l'assemblée d'essai), avec l'exécuteur de tâches arrêté (le benchmark exécute les tâches asynchrones "
          + "lui-même, sur " + threads + " fils) et ses journaux au niveau WARN (les lignes INFO d'openhtmltopdf, "
          + "qui journalise à part, restent). Sa base PostgreSQL embarquée (mêmes binaires zonky, mêmes réglages) "
          + "est démarrée par le benchmark avec pg_stat_statements, pour compter les requêtes SQL ; son serveur SMTP "
          + "est un GreenMail dans un processus java à part (SmtpReceiver, pid " + smtp.pid() + "), dont le CPU "
          + "n'est compté d'aucun côté : Comitia envoie par spring.mail.host/port, comme vers un vrai serveur.");
      try (Parallel workers = new Parallel(threads)) {
        parallel = workers;
        deployBareModels();
        String seedId = seedReplay();
        purgeMail();
        warmUp();
        String largeId = fanOut();
        purgeMail();
        measureLifecycles();
        purgeMail();
        stage("documents", () -> documents(seedId, largeId));
        stage("liste des tâches", this::taskList);
      } catch (RuntimeException e) {
        diagnose(e);
        throw e;
      }
    } finally {
      ClockUtil.reset();
      if (app != null) {
        app.close();
      }
      if (postgres != null) {
        postgres.close();
      }
      if (smtp != null) {
        smtp.close();
      }
    }
    if (startup) {
      stage("démarrage et mémoire", () -> startupAndMemory(runDir));
    } else {
      notes.add("Démarrage et mémoire non mesurés (-Dbench.startup=false).");
    }
    if (!keepData) {
      FileSystemUtils.deleteRecursively(runDir);
    }
    Duration total = Duration.ofNanos(System.nanoTime() - begin);
    double othersAll = cpu.read().minus(runStart).othersShare(total.toNanos());
    loads.put("benchmark_total", othersAll);
    notes.add(String.format(Locale.FRENCH, "Pendant tout le benchmark, les autres processus de la machine (autres "
        + "compilations, tests…, et le récepteur SMTP à part) ont occupé en moyenne %.0f %% de ses %d cœurs "
        + "(/proc/stat).", 100 * othersAll, Runtime.getRuntime().availableProcessors()));
    String report = report(total);
    Files.writeString(resultsDir.resolve("results.md"), report);
    writeJson(total);
    System.out.println();
    System.out.println(report);
    System.out.println("(écrit dans " + resultsDir.resolve("results.md") + ")");
  }

  /** On failure, what the engine says of the instance named in the message, and every incident. */
  void diagnose(RuntimeException e) {
    try {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("for (\\S+)").matcher(String.valueOf(e.getMessage()));
      if (m.find()) {
        for (var pi : runtime.createProcessInstanceQuery().processInstanceBusinessKey(m.group(1)).list()) {
          log("Diagnostic : %s (%s) activités %s, tâches %s, jobs %s", m.group(1), pi.getProcessDefinitionId(),
              runtime.getActiveActivityIds(pi.getId()),
              taskService.createTaskQuery().processInstanceId(pi.getId()).list().stream()
                  .map(Task::getTaskDefinitionKey).toList(),
              management.createJobQuery().processInstanceId(pi.getId()).list().stream()
                  .map(j -> j.getId() + " " + j.getDuedate() + " " + j.getExceptionMessage()).toList());
        }
      }
      runtime.createIncidentQuery().list().forEach(i -> log("Incident : %s %s %s", i.getProcessInstanceId(),
          i.getActivityId(), i.getIncidentMessage()));
      log("Jobs exécutables restants : %d", management.createJobQuery().executable().count());
    } catch (RuntimeException again) {
      log("Diagnostic impossible : %s", again);
    }
  }

  interface Stage {
    void run() throws Exception;
  }

  /** A stage whose failure is reported (in the notes, its figures null) instead of losing the whole run. */
  void stage(String name, Stage stage) {
    try {
      stage.run();
    } catch (Exception | Error e) {
      log("Échec de l'étape « %s » : %s", name, e);
      e.printStackTrace(System.out);
      notes.add("Étape « " + name + " » en échec, non mesurée : " + e);
    }
  }

  void beans() {
    management = app.getBean(ManagementService.class);
    runtime = app.getBean(RuntimeService.class);
    taskService = app.getBean(TaskService.class);
    historyService = app.getBean(HistoryService.class);
    deliberationService = app.getBean(DeliberationService.class);
    sessionService = app.getBean(SessionService.class);
    notificationService = app.getBean(NotificationService.class);
    organisation = app.getBean(Organisation.class);
    jdbc = new JdbcTemplate(app.getBean(javax.sql.DataSource.class));
    sql = new SqlCounter(jdbc);
    json = app.getBean(ObjectMapper.class);
    driver = new Driver(app.getBean(IdentityService.class), taskService);
    postgresVersion = jdbc.queryForObject("show server_version", String.class);
  }

  static void log(String format, Object... args) {
    System.out.printf("[bench %s] %s%n", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS),
        String.format(Locale.FRENCH, format, args));
    System.out.flush();
  }

  static OffsetDateTime paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PARIS).toOffsetDateTime();
  }

  void purgeMail() throws IOException {
    smtp.purge();
  }

  // --- Set-up ------------------------------------------------------------------------------------

  void deployBareModels() {
    app.getBean(RepositoryService.class).createDeployment().name("benchmark")
        .addModelInstance("benchmark/benchDeliberation.bpmn", BareModels.deliberation())
        .addModelInstance("benchmark/benchSession.bpmn", BareModels.session())
        .deploy();
    AuthorizationService authorizations = app.getBean(AuthorizationService.class);
    grant(authorizations, "drafter", BareModels.DELIBERATION);
    grant(authorizations, "secretariat", BareModels.SESSION);
  }

  /** The same rights on the bare processes as Comitia gives on its own (start and read). */
  static void grant(AuthorizationService authorizations, String group, String processKey) {
    Authorization a = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    a.setGroupId(group);
    a.setResource(Resources.PROCESS_DEFINITION);
    a.setResourceId(processKey);
    a.addPermission(Permissions.READ);
    a.addPermission(ProcessDefinitionPermissions.CREATE_INSTANCE);
    a.addPermission(Permissions.READ_HISTORY);
    authorizations.saveAuthorization(a);
  }

  Draft seedDraft(String bodyId) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/seed/deliberation-2022-14.json")) {
      Draft draft = json.readValue(in, Draft.class);
      return new Draft(bodyId, draft.object(), draft.rapporteurId(), draft.preamble(), draft.visas(),
          draft.proposal(), draft.articles(), draft.annexes(), draft.partners(), draft.note(), draft.nature(),
          draft.matiere());
    }
  }

  static String resource(String path) throws IOException {
    try (InputStream in = ComitiaBenchmark.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  Lifecycle lifecycle(List<String> members, String president, String secretary) {
    return new Lifecycle(driver, management, parallel, members, president, secretary, json, cpu, sql);
  }

  Lifecycle.Comitia comitia(Draft draft) {
    return new Lifecycle.Comitia(driver, deliberationService, sessionService, notificationService, runtime, draft);
  }

  List<String> committeeMembers() {
    return organisation.body("comitesyndical").orElseThrow().memberIds();
  }

  // --- The seed, replayed as SeedReplayIT does, through the services ------------------------------

  String seedReplay() throws IOException {
    log("Délibération 2022-14 rejouée (cas de référence)");
    Lifecycle.clock(OffsetDateTime.parse("2022-05-20T09:00:00+02:00"));
    Draft draft = seedDraft("comitesyndical");
    String id = driver.as("redacteur", () -> deliberationService.submit(draft));
    driver.complete("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    Lifecycle.clock(OffsetDateTime.parse("2022-06-01T09:00:00+02:00"));
    String session = driver.as("secretariat", () -> sessionService.submit("comitesyndical", SEED_SESSION_DATE,
        SEED_PLACE));
    driver.complete("secretariat", session, TASK_BUILD_AGENDA,
        Map.of("agenda", SpinValues.jsonValue("[\"" + id + "\"]").create()));
    Lifecycle.clock(OffsetDateTime.parse("2022-06-10T11:00:00+02:00"));
    driver.complete("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    parallel.runJobs(management);
    Lifecycle.clock(OffsetDateTime.parse(SEED_SESSION_DATE).plusMinutes(1));
    parallel.runJobs(management);
    Map<String, Object> rollCall = new LinkedHashMap<>();
    rollCall.put("attendance", SpinValues.jsonValue(resource("/seed/attendance-2022-06-16.json")).create());
    rollCall.put("presidingMemberId", "bmesseannegrobelny");
    rollCall.put("sessionSecretaryId", "cbachelet");
    driver.complete("secretariat", session, TASK_ROLL_CALL, rollCall);
    driver.complete("secretariat", session, TASK_RECORD_VOTE, Map.of(VOTES_FOR, 13, VOTES_AGAINST, 0,
        "abstentions", 0, "notParticipating", 0, "secretBallot", false));
    Lifecycle.clock(OffsetDateTime.parse("2022-06-17T15:00:00+02:00"));
    driver.complete("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    parallel.runJobs(management);
    // The simulated prefecture's ARActe comes two minutes after the deposit.
    Lifecycle.clock(OffsetDateTime.parse("2022-06-17T15:03:00+02:00"));
    parallel.runJobs(management);
    comitia(draft).acknowledge(id);
    driver.complete("secretariat", session, TASK_CLOSE, Map.of());
    parallel.runJobs(management);
    String number = jdbc.queryForObject("select number from comitia.deliberation where id = ?", String.class, id);
    if (!"2022-14".equals(number)) {
      throw new IllegalStateException("The seed replay gave number " + number + ", not 2022-14");
    }
    return id;
  }

  // --- Warm-up (never timed) ---------------------------------------------------------------------

  void warmUp() throws IOException {
    Lifecycle lifecycle = lifecycle(committeeMembers(), "ccoulon", "cbachelet");
    log("Échauffement : %d délibérations Comitia puis %d sur le moteur nu (non chronométrées)",
        warmupDeliberations, warmupDeliberations);
    lifecycle.run(comitia(seedDraft("comitesyndical")), warmupDeliberations, itemsPerSession,
        paris("2030-01-07T09:00"));
    lifecycle.run(new Lifecycle.Bare(driver, runtime, historyService, committeeMembers()), warmupDeliberations,
        itemsPerSession, paris("2030-03-04T09:00"));
    sql.forget();
  }

  // --- 1. Lifecycle throughput -------------------------------------------------------------------

  void measureLifecycles() throws IOException {
    Lifecycle lifecycle = lifecycle(committeeMembers(), "ccoulon", "cbachelet");
    int perRound = Math.max(itemsPerSession,
        Math.round((float) deliberations / rounds / itemsPerSession) * itemsPerSession);
    log("Cycle de vie : %d manches alternées de %d délibérations (moteur nu, Comitia, moteur nu…)", 2 * rounds,
        perRound);
    List<Lifecycle.Result> bareRuns = new ArrayList<>();
    List<Lifecycle.Result> comitiaRuns = new ArrayList<>();
    OffsetDateTime start = paris("2030-07-01T09:00");
    for (int r = 0; r < rounds; r++) {
      Lifecycle.Result bare = lifecycle.run(new Lifecycle.Bare(driver, runtime, historyService, committeeMembers()),
          perRound, itemsPerSession, start.plusDays(70L * r));
      bareRuns.add(bare);
      purgeMail();
      Lifecycle.Result comitia = lifecycle.run(comitia(seedDraft("comitesyndical")), perRound, itemsPerSession,
          start.plusDays(70L * r + 35));
      comitiaRuns.add(comitia);
      convocations(smtp.messages(benchDir.resolve("mail-dump")));
      purgeMail();
      log("  manche %d : moteur nu %.1f s (%.0f ms CPU/délib.), Comitia %.1f s (%.0f ms CPU/délib.)", r + 1,
          bare.wall().toMillis() / 1000.0, bare.cpuMsPerDeliberation(), comitia.wall().toMillis() / 1000.0,
          comitia.cpuMsPerDeliberation());
    }
    Lifecycle.Result bare = sum(bareRuns);
    Lifecycle.Result comitia = sum(comitiaRuns);
    lifecycles.put("Comitia", comitia);
    lifecycles.put("moteur nu", bare);
    int n = comitia.deliberations();
    double cpuRatio = comitia.cpuMsPerDeliberation() / bare.cpuMsPerDeliberation();
    double sqlComitia = (double) comitia.sqlStatements() / n;
    double sqlBare = (double) bare.sqlStatements() / bare.deliberations();
    figures.put("lifecycle_cpu_ratio", round(cpuRatio, 2));
    figures.put("lifecycle_cpu_ms_per_deliberation", round(comitia.cpuMsPerDeliberation(), 1));
    figures.put("lifecycle_cpu_ms_per_deliberation_bare", round(bare.cpuMsPerDeliberation(), 1));
    figures.put("lifecycle_wall_ratio", round(bare.perSecond() / comitia.perSecond(), 2));
    figures.put("sql_per_deliberation_ratio", round(sqlComitia / sqlBare, 2));
    figures.put("sql_per_deliberation", round(sqlComitia, 1));
    figures.put("sql_per_deliberation_bare", round(sqlBare, 1));
    double sqlOwn = (double) sql.own("Comitia") / n;
    figures.put("sql_own_per_deliberation", round(sqlOwn, 1));
    figures.put("sql_own_per_deliberation_ratio", round(sqlOwn / sqlBare, 2));
    loads.put("lifecycle_comitia", comitia.cpu().othersShare(comitia.wall().toNanos()));
    loads.put("lifecycle_bare", bare.cpu().othersShare(bare.wall().toNanos()));
    String shape = n + " délibérations de chaque sorte, en " + rounds + " manches de " + perRound + " par sorte, "
        + "alternées (moteur nu, Comitia, moteur nu…), " + comitia.sessions() + " séances de "
        + committeeMembers().size() + " membres";
    rows.add(new Row("1. Coût CPU d'une délibération (ms de CPU, JVM + PostgreSQL) — chiffre principal",
        fmt(comitia.cpuMsPerDeliberation(), 0) + " (JVM " + fmt(comitia.cpu().jvmNanos() / 1e6 / n, 0)
            + " + PostgreSQL " + fmt(comitia.cpu().postgresNanos() / 1e6 / n, 0) + ")",
        fmt(bare.cpuMsPerDeliberation(), 0) + " (JVM " + fmt(bare.cpu().jvmNanos() / 1e6 / n, 0)
            + " + PostgreSQL " + fmt(bare.cpu().postgresNanos() / 1e6 / n, 0) + "), moteur Camunda nu",
        "× " + fmt(cpuRatio, 1), shape,
        "Temps CPU de la JVM du benchmark (Comitia, moteur, fils de pilotage : getProcessCpuTime ; le serveur SMTP "
            + "est dans un autre processus, non compté) et de tous les processus de son PostgreSQL (/proc/<pid>/stat), "
            + "sommé sur les manches de chaque sorte puis divisé par le nombre de délibérations ; les manches "
            + "alternent, de sorte que la charge de la machine pèse de la même façon des deux côtés ; chaque projet "
            + "Comitia a son propre objet et préambule (numérotés), aucun rendu n'est celui d'un autre projet ; inclut "
            + "la part de la séance (convocations, appel, votes, procès-verbal) : 1/" + itemsPerSession
            + " de séance par délibération ; " + warmupDeliberations + " délibérations d'échauffement de chaque "
            + "sorte non comptées ; autres processus de la machine pendant les manches : "
            + contention(comitia.cpu(), comitia.wall()) + " des cœurs (Comitia), " + contention(bare.cpu(), bare.wall())
            + " (moteur nu)"));
    rows.add(new Row("1. Requêtes SQL par délibération",
        fmt(sqlComitia, 0), fmt(sqlBare, 0) + ", moteur Camunda nu", "× " + fmt(sqlComitia / sqlBare, 1),
        "les mêmes manches",
        "Somme de calls de pg_stat_statements (remis à zéro au début de chaque manche, lu à sa fin ; toutes les "
            + "connexions ; instructions utilitaires BEGIN, COMMIT, SET non comptées : track_utility = off), "
            + "divisée par le nombre de délibérations"));
    rows.add(new Row("1. Dont requêtes de Comitia sur ses propres tables (registre, courriels, journal des preuves), "
            + "par délibération",
        fmt(sqlOwn, 0), fmt(sqlBare, 0) + ", moteur Camunda nu (toutes ses requêtes)", "× " + fmt(sqlOwn / sqlBare, 2),
        "les mêmes manches",
        "Les mêmes requêtes de pg_stat_statements, celles dont le texte nomme le schéma comitia ; le reste ("
            + fmt(sqlComitia - sqlOwn, 0) + " par délibération) est celui du moteur qui porte les processus de Comitia"));
    rows.add(new Row("1. Cycle de vie complet, du projet à l'acte notifié (délibérations/s, temps écoulé)",
        fmt(comitia.perSecond(), 2) + " (" + fmt(comitia.wall().toMillis() / 1000.0, 1) + " s)",
        fmt(bare.perSecond(), 2) + " (" + fmt(bare.wall().toMillis() / 1000.0, 1) + " s), moteur Camunda nu",
        "× " + fmt(bare.perSecond() / comitia.perSecond(), 1) + " plus lent", "les mêmes manches",
        "Temps écoulé du premier dépôt à la dernière séance close de chaque manche, sommé par sorte ; "
            + threads + " fils (clients et exécuteur de tâches), séances de " + itemsPerSession + " points, chacune "
            + "1 partenaire à notifier, tous présents, tout adopté ; Comitia " + comitia.jobs() + " tâches "
            + "asynchrones, moteur nu " + bare.jobs() + " ; indicatif : le temps écoulé dépend de la charge"));
    double mailKib = convocationBytes.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN) / 1024;
    figures.put("convocation_mail_kib", round(mailKib, 1));
    rows.add(new Row("1. Taille d'un courriel de convocation, séance de " + itemsPerSession + " points (Kio)",
        fmt(mailKib, 1), "", "", convocationBytes.size() + " convocations (" + committeeMembers().size()
            + " membres par séance, manches Comitia)",
        "Octets du message MIME tel que le serveur SMTP l'a reçu, en moyenne, pour le comité syndical livré "
            + "(rules.convocationDocuments : LINKS, convocation légère : PDF de la convocation, invitation "
            + "iCalendar, un lien par point)"));
    List<SqlCounter.Statement> top = sql.top("Comitia", 10);
    StringBuilder t = new StringBuilder("Requêtes SQL de Comitia les plus fréquentes (appels par délibération, "
        + "pg_stat_statements, sur les manches mesurées) :\n\n| Appels par délibération | Requête |\n|---|---|\n");
    for (SqlCounter.Statement st : top) {
      String q = st.query().replaceAll("\\s+", " ").strip();
      t.append("| ").append(fmt((double) st.calls() / n, 1)).append(" | `")
          .append(cell(q.length() > 220 ? q.substring(0, 220) + " …" : q).replace("`", "'")).append("` |\n");
    }
    notes.add(t.toString());
  }

  static Lifecycle.Result sum(List<Lifecycle.Result> runs) {
    int deliberations = 0;
    int sessions = 0;
    int jobs = 0;
    long wall = 0;
    long sqlStatements = 0;
    CpuMeter.Reading cpu = new CpuMeter.Reading(0, 0, 0);
    Map<String, Duration> phases = new LinkedHashMap<>();
    for (Lifecycle.Result r : runs) {
      deliberations += r.deliberations();
      sessions += r.sessions();
      jobs += r.jobs();
      wall += r.wall().toNanos();
      sqlStatements += r.sqlStatements();
      cpu = add(cpu, r.cpu());
      r.phases().forEach((k, v) -> phases.merge(k, v, Duration::plus));
    }
    return new Lifecycle.Result(runs.get(0).flavour(), deliberations, sessions, jobs, Duration.ofNanos(wall), phases,
        cpu, sqlStatements);
  }

  /** Keeps the raw size of each convocation mail among {@code raw}. */
  void convocations(List<byte[]> raw) {
    Session session = Session.getInstance(new Properties());
    for (byte[] bytes : raw) {
      try {
        String subject = new MimeMessage(session, new ByteArrayInputStream(bytes)).getSubject();
        if (subject != null && subject.startsWith("Convocation")) {
          convocationBytes.add((double) bytes.length);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  /** « 12 % »: the share of the machine's cores other processes used during a measure. */
  static String contention(CpuMeter.Reading used, Duration wall) {
    return String.format(Locale.FRENCH, "%.0f %%", 100 * used.othersShare(wall.toNanos()));
  }

  // --- 2. Convocation fan-out --------------------------------------------------------------------

  String fanOut() throws Exception {
    List<String> members = BenchOrganisation.memberIds(fanoutMembers);
    String president = BenchOrganisation.memberId(1);
    log("Convocations : %d manches alternées, chacune une séance de %d membres et %d points puis la boucle "
        + "Jakarta Mail", fanoutRounds, members.size(), itemsPerSession);
    OffsetDateTime start = paris("2030-05-06T09:00");
    OffsetDateTime firstSession = start.plusDays(30).withHour(18);
    Lifecycle.clock(start);
    Lifecycle.Comitia flavour = comitia(seedDraft(BenchOrganisation.BODY));
    List<String> sessions = new ArrayList<>();
    List<List<String>> agendas = new ArrayList<>();
    for (int r = 0; r < fanoutRounds; r++) {
      List<String> agenda = new ArrayList<>();
      for (int i = 0; i < itemsPerSession; i++) {
        String id = flavour.submitDeliberation();
        driver.complete("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
        agenda.add(id);
      }
      String session = flavour.startSession(firstSession.plusDays(3L * r));
      driver.complete("secretariat", session, TASK_BUILD_AGENDA,
          Map.of("agenda", SpinValues.jsonValue(json.writeValueAsString(agenda)).create()));
      sessions.add(session);
      agendas.add(agenda);
    }
    Properties properties = new Properties();
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(smtp.port()));
    properties.put("mail.smtp.connectiontimeout", "5000");
    properties.put("mail.smtp.timeout", "10000");
    Session mail = Session.getInstance(properties);

    long comitiaNanos = 0;
    long loopNanos = 0;
    CpuMeter.Reading comitiaCpu = new CpuMeter.Reading(0, 0, 0);
    CpuMeter.Reading loopCpu = new CpuMeter.Reading(0, 0, 0);
    long statements = 0;
    int jobs = 0;
    long bytes = 0;
    int count = 0;
    for (int r = 0; r < fanoutRounds; r++) {
      Lifecycle.clock(firstSession.plusDays(3L * r).minusDays(7));
      purgeMail();
      sql.reset();
      CpuMeter.Reading c0 = cpu.read();
      long t0 = System.nanoTime();
      driver.complete(president, sessions.get(r), TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
      jobs += parallel.runJobs(management);
      comitiaNanos += System.nanoTime() - t0;
      comitiaCpu = add(comitiaCpu, cpu.read().minus(c0));
      statements += sql.collect("convocation");

      List<byte[]> raw = new ArrayList<>();
      Set<String> recipients = new HashSet<>();
      Session parse = Session.getInstance(new Properties());
      for (byte[] m : smtp.messages(benchDir.resolve("mail-dump"))) {
        MimeMessage message = new MimeMessage(parse, new ByteArrayInputStream(m));
        if (message.getSubject().startsWith("Convocation")) {
          recipients.add(message.getAllRecipients()[0].toString());
          raw.add(m);
          bytes += m.length;
        }
      }
      if (recipients.size() != members.size() || raw.size() != members.size()) {
        throw new IllegalStateException("Expected " + members.size() + " convocations, got " + raw.size() + " to "
            + recipients.size() + " recipients");
      }
      count += raw.size();
      if (r == 0) {
        for (byte[] message : raw.subList(0, Math.min(20, raw.size()))) {
          send(mail, message);
        }
      }
      // The same messages, sent again by a plain Jakarta Mail loop to the same server, right after.
      purgeMail();
      CpuMeter.Reading l0 = cpu.read();
      long b0 = System.nanoTime();
      for (byte[] message : raw) {
        send(mail, message);
      }
      loopNanos += System.nanoTime() - b0;
      loopCpu = add(loopCpu, cpu.read().minus(l0));
      if (smtp.count() != raw.size()) {
        throw new IllegalStateException("The plain loop's messages were not all received");
      }
      log("  manche %d : Comitia et boucle faites", r + 1);
    }
    purgeMail();
    double ratio = (double) comitiaCpu.totalNanos() / loopCpu.totalNanos();
    figures.put("fanout_cpu_ratio", round(ratio, 2));
    figures.put("fanout_cpu_s_per_round", round(comitiaCpu.totalNanos() / 1e9 / fanoutRounds, 2));
    figures.put("fanout_cpu_s_per_round_mail_loop", round(loopCpu.totalNanos() / 1e9 / fanoutRounds, 2));
    figures.put("fanout_wall_ratio", round((double) comitiaNanos / loopNanos, 2));
    figures.put("fanout_mail_kib", round(bytes / 1024.0 / count, 1));
    loads.put("fanout_comitia", comitiaCpu.othersShare(comitiaNanos));
    loads.put("fanout_mail_loop", loopCpu.othersShare(loopNanos));
    String n = fanoutRounds + " manches alternées (Comitia puis la boucle), " + members.size() + " courriels de "
        + fmt(bytes / 1024.0 / count, 0) + " Kio en moyenne par manche, " + itemsPerSession + " points à l'ordre du "
        + "jour";
    rows.add(new Row("2. Coût CPU de la convocation de " + members.size() + " membres (s de CPU par manche, JVM + "
        + "PostgreSQL) — chiffre principal",
        fmt(comitiaCpu.totalNanos() / 1e9 / fanoutRounds, 2) + " (JVM " + fmt(comitiaCpu.jvmNanos() / 1e9
            / fanoutRounds, 2) + " + PostgreSQL " + fmt(comitiaCpu.postgresNanos() / 1e9 / fanoutRounds, 2) + ")",
        fmt(loopCpu.totalNanos() / 1e9 / fanoutRounds, 2) + ", boucle Jakarta Mail",
        "× " + fmt(ratio, 1), n,
        "Comitia : de la signature du président (TaskService.complete de signConvocation) à la dernière tâche "
            + "asynchrone exécutée (" + jobs / fanoutRounds + " par manche, l'une après l'autre sur un fil, comme "
            + "l'exécuteur de Camunda les tâches exclusives d'une même instance) ; convocation légère (LINKS) : PDF "
            + "de la convocation et invitation iCalendar, un lien par point. Référence : les mêmes messages (octets "
            + "reçus) renvoyés aussitôt après par une boucle Transport.send (une connexion par message, comme Spring "
            + "Mail) ; 20 envois d'échauffement non comptés. Serveur SMTP GreenMail dans un processus à part, compté "
            + "d'aucun côté ; CPU sommé sur les manches de chaque côté ; autres processus de la machine : "
            + contention(comitiaCpu, Duration.ofNanos(comitiaNanos)) + " des cœurs (Comitia), "
            + contention(loopCpu, Duration.ofNanos(loopNanos)) + " (boucle)"));
    rows.add(new Row("2. Convocation d'une assemblée de " + members.size() + " membres (s par manche, temps écoulé)",
        fmt(comitiaNanos / 1e9 / fanoutRounds, 2), fmt(loopNanos / 1e9 / fanoutRounds, 2) + ", boucle Jakarta Mail",
        "× " + fmt((double) comitiaNanos / loopNanos, 1) + " plus lent", "les mêmes manches",
        "Comme ci-dessus ; Comitia exécute aussi " + fmt((double) statements / fanoutRounds, 0) + " requêtes SQL par "
            + "manche (pg_stat_statements) ; indicatif : le temps écoulé dépend de la charge"));

    // The sessions go on, so that none is left open and the body's extract (200 members) exists.
    Map<String, Object> rollCall = new LinkedHashMap<>();
    List<Map<String, Object>> attendance = new ArrayList<>();
    for (String m : members) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("memberId", m);
      e.put("status", "PRESENT");
      e.put("proxyHolderId", null);
      attendance.add(e);
    }
    rollCall.put("attendance", SpinValues.jsonValue(json.writeValueAsString(attendance)).create());
    rollCall.put("presidingMemberId", president);
    rollCall.put("sessionSecretaryId", BenchOrganisation.memberId(2));
    for (int r = 0; r < fanoutRounds; r++) {
      OffsetDateTime sessionDate = firstSession.plusDays(3L * r);
      String session = sessions.get(r);
      Lifecycle.clock(sessionDate.plusMinutes(1));
      parallel.runJobs(management);
      driver.complete("secretariat", session, TASK_ROLL_CALL, rollCall);
      driver.voteAll(session, members.size());
      Lifecycle.clock(sessionDate.plusDays(1));
      parallel.each(agendas.get(r), id -> driver.complete(president, id, TASK_SIGN, Map.of(SIGNED, true)));
      parallel.runJobs(management);
      Lifecycle.clock(sessionDate.plusDays(1).plusMinutes(3));
      parallel.runJobs(management);
      parallel.each(agendas.get(r), flavour::acknowledge);
      driver.complete("secretariat", session, TASK_CLOSE, Map.of());
      parallel.runJobs(management);
      flavour.checkDone(agendas.get(r), List.of(session));
      purgeMail();
    }
    return agendas.get(0).get(0);
  }

  static CpuMeter.Reading add(CpuMeter.Reading a, CpuMeter.Reading b) {
    return new CpuMeter.Reading(a.jvmNanos() + b.jvmNanos(), a.postgresNanos() + b.postgresNanos(),
        a.machineNanos() + b.machineNanos());
  }

  static void send(Session mail, byte[] raw) throws MessagingException {
    MimeMessage message = new MimeMessage(mail, new ByteArrayInputStream(raw));
    Transport.send(message, message.getRecipients(Message.RecipientType.TO));
  }

  // --- 3. Documents ------------------------------------------------------------------------------

  void documents(String seedId, String largeId) throws Exception {
    ExtractService extracts = app.getBean(ExtractService.class);
    PdfSigner signer = app.getBean(PdfSigner.class);
    SignatureKeys keys = app.getBean(SignatureKeys.class);
    SignedExtracts sealed = app.getBean(SignedExtracts.class);
    document("l'extrait de la délibération 2022-14 (cas de référence, 22 membres)", seedId, extracts, signer, keys,
        sealed, "3a");
    document("l'extrait d'une délibération d'une assemblée de " + fanoutMembers + " membres", largeId, extracts,
        signer, keys, sealed, "3b");
  }

  void document(String what, String id, ExtractService extracts, PdfSigner signer, SignatureKeys keys,
      SignedExtracts sealed, String number) throws Exception {
    log("Documents : %s", what);
    // PdfRenderer (package-private) keeps the last PDFs by the SHA-256 of their HTML, and the register keeps the
    // extract rendered once per version (DocumentStore.builtOnce): a real render needs an HTML never seen, the
    // extract's own with a numbered comment (which changes nothing in the PDF).
    Class<?> rendererType = Class.forName("fr.comitia.document.PdfRenderer");
    Object renderer = app.getBean(rendererType);
    java.lang.reflect.Method renderMethod = rendererType.getMethod("render", String.class);
    renderMethod.setAccessible(true);
    Timings render = new Timings();
    Timings cached = new Timings();
    Timings sign = new Timings();
    Timings seal = new Timings();
    byte[] pdf = null;
    byte[] signed = null;
    PdfSigner.Details details = new PdfSigner.Details("Bench", "Pour extrait conforme", null, null);
    for (int i = 0; i < documentWarmup + documentRuns; i++) {
      long t0 = System.nanoTime();
      String html = extracts.html(id).replace("</body>", "<!-- rendu " + number + "-" + i + " --></body>");
      pdf = (byte[]) renderMethod.invoke(renderer, html);
      long t1 = System.nanoTime();
      signed = signer.sign(pdf, keys.credentials(), ClockUtil.getCurrentTime().toInstant().atZone(PARIS)
          .toOffsetDateTime().truncatedTo(ChronoUnit.SECONDS), details);
      long t2 = System.nanoTime();
      sealed.seal(id);
      long t3 = System.nanoTime();
      extracts.pdf(id);
      long t4 = System.nanoTime();
      extracts.pdf(id);
      long t5 = System.nanoTime();
      if (i >= documentWarmup) {
        render.add(t1 - t0);
        sign.add(t2 - t1);
        seal.add(t3 - t2);
        cached.add(t5 - t4);
      }
    }
    if (number.equals("3a")) {
      figures.put("extract_render_p95_ms", round(render.p95Ms(), 1));
      figures.put("extract_render_median_ms", round(render.medianMs(), 1));
    } else {
      figures.put("extract_render_200_members_p95_ms", round(render.p95Ms(), 1));
    }
    int pages;
    try (PDDocument doc = Loader.loadPDF(signed)) {
      pages = doc.getNumberOfPages();
    }
    String n = documentRuns + " fois (" + documentWarmup + " d'échauffement non comptées) ; " + pages + " page(s), "
        + (pdf.length / 1024) + " Kio, signé " + (signed.length / 1024) + " Kio";
    rows.add(new Row(number + ". Extrait : rendu réel HTML → PDF/A-3a — " + what + " (ms, médiane / p95)",
        render.medianAndP95(), "", "", n, "ExtractService.html(id) (lecture du registre, Thymeleaf) puis "
            + "PdfRenderer.render (openhtmltopdf) d'un HTML jamais rendu (celui de l'extrait, plus un commentaire "
            + "numéroté) : ni le cache du moteur de rendu (par SHA-256 du HTML) ni le registre ne servent"));
    rows.add(new Row(number + ". Extrait : lecture du PDF déjà rendu — " + what + " (ms, médiane / p95)",
        cached.medianAndP95(), "", "", n, "ExtractService.pdf(id) pour un extrait inchangé : lecture du registre, "
            + "Thymeleaf, puis le PDF rendu une fois pour cette version (DocumentStore.builtOnce) ; ce n'est pas un "
            + "rendu (second appel de suite, seul chronométré)"));
    rows.add(new Row(number + ". Extrait : signature PAdES du PDF — " + what + " (ms, médiane / p95)",
        sign.medianAndP95(), "", "", n, "PdfSigner.sign : DSS, PAdES-BASELINE-LT (jeton "
            + "de l'autorité d'horodatage locale, certificats et liste de révocation dans le dictionnaire DSS), RSA 3072 "
            + "(certificat de l'autorité de démonstration), mises à jour incrémentales PDFBox"));
    rows.add(new Row(number + ". Extrait : scellement complet — " + what + " (ms, médiane / p95)",
        seal.medianAndP95(), "", "", n, "SignedExtracts.seal (ce que fait la tâche sealExtract) : extrait (déjà "
            + "rendu pour cette version, lu du registre) + signature + enregistrement dans le registre"));
  }

  // --- 4. Task list latency ----------------------------------------------------------------------

  void taskList() {
    log("Liste des tâches du directeur : %d projets en attente de validation", openDrafts);
    Lifecycle.clock(paris("2030-07-01T09:00").plusDays(70L * rounds + 7));
    Draft draft;
    try {
      draft = seedDraft("comitesyndical");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    parallel.each(IntStream.range(0, openDrafts).boxed().toList(),
        i -> driver.as("redacteur", () -> deliberationService.submit(draft)));

    long finishedBefore = finishedDeliberations();
    jdbc.execute("analyze");
    CpuMeter.Reading q0 = cpu.read();
    long qt0 = System.nanoTime();
    Timings[] before = directorQuery();
    String contentionBefore = contention(cpu.read().minus(q0), Duration.ofNanos(System.nanoTime() - qt0));
    log("  avec %d délibérations terminées : liste %s ms, nombre %s ms", finishedBefore, before[0].medianAndP95(),
        before[1].medianAndP95());

    HistoryCloner cloner = new HistoryCloner(jdbc);
    List<HistoryCloner.Table> tables = cloner.tables();
    long rowsBefore = cloner.rows(tables);
    List<String> deliberationTemplates = finishedRoots("deliberation");
    List<String> sessionTemplates = finishedRoots("session");
    long missing = history - finishedBefore;
    long cloneStart = System.nanoTime();
    if (missing > 0) {
      int copies = (int) (missing / deliberationTemplates.size());
      int remainder = (int) (missing % deliberationTemplates.size());
      log("  historique : %d délibérations terminées copiées %d fois (+%d), et leurs %d séances", 
          deliberationTemplates.size(), copies, remainder, sessionTemplates.size());
      List<HistoryCloner.Index> indexes = cloner.dropSecondaryIndexes(tables);
      try {
        int batch = Math.max(10, (copies + 9) / 10);
        cloner.copy(tables, deliberationTemplates, 1, copies, batch,
            done -> log("    délibérations : %d copies sur %d", done, copies));
        cloner.copy(tables, deliberationTemplates.subList(0, remainder), copies + 1, 1, 1, done -> { });
        cloner.copy(tables, sessionTemplates, 1, copies, batch,
            done -> log("    séances : %d copies sur %d", done, copies));
      } finally {
        log("    reconstruction des %d index secondaires", indexes.size());
        cloner.createIndexes(indexes);
      }
    }
    jdbc.execute("analyze");
    long finishedAfter = finishedDeliberations();
    long rowsAfter = cloner.rows(tables);
    long sessionsAfter = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("session")
        .finished().count();
    log("  historique prêt en %.0f s : %d délibérations et %d séances terminées, %d lignes ACT_HI_*",
        (System.nanoTime() - cloneStart) / 1e9, finishedAfter, sessionsAfter, rowsAfter);
    CpuMeter.Reading q1 = cpu.read();
    long qt1 = System.nanoTime();
    Timings[] after = directorQuery();
    String contentionAfter = contention(cpu.read().minus(q1), Duration.ofNanos(System.nanoTime() - qt1));
    log("  avec %d délibérations terminées : liste %s ms, nombre %s ms", finishedAfter, after[0].medianAndP95(),
        after[1].medianAndP95());
    figures.put("task_query_p95_ms", round(after[0].p95Ms(), 2));
    figures.put("task_query_history", (double) finishedAfter);
    loads.put("task_query", cpu.read().minus(q1).othersShare(System.nanoTime() - qt1));
    String n = queryRuns + " requêtes (" + queryWarmup + " d'échauffement non comptées), " + openDrafts
        + " tâches ouvertes du directeur";
    String how = "taskService.createTaskQuery().taskCandidateGroupIn([director]).orderByTaskCreateTime().desc()"
        + ".listPage(0, 15), authentifié comme directeur (autorisations Camunda actives), dans la JVM (sans HTTP). "
        + "Historique : les lignes ACT_HI_* (et leurs séances) des " + deliberationTemplates.size()
        + " délibérations réellement menées à terme copiées en SQL (INSERT … SELECT, identifiants neufs) jusqu'à "
        + finishedAfter + " délibérations et " + sessionsAfter + " séances terminées (" + rowsAfter
        + " lignes, contre " + rowsBefore + " avant ; index secondaires retirés pendant la copie puis reconstruits). "
        + "Référence : la même requête avec les " + finishedBefore + " délibérations terminées réellement menées. "
        + "ANALYZE de la base avant chaque série ; autres processus de la machine pendant les séries : "
        + contentionAfter + " des cœurs (" + finishedAfter + "), " + contentionBefore + " (" + finishedBefore + ")";
    rows.add(new Row("4. Liste des tâches du directeur, " + finishedAfter
        + " délibérations terminées dans l'historique (ms, médiane / p95)",
        after[0].medianAndP95(), before[0].medianAndP95() + " avec " + finishedBefore + " délibérations terminées",
        "× " + fmt(after[0].medianMs() / before[0].medianMs(), 2) + " (médianes)", n, how));
    rows.add(new Row("4. Son nombre de tâches (count(), comme l'en-tête de Tasklist) (ms, médiane / p95)",
        after[1].medianAndP95(), before[1].medianAndP95() + " avec " + finishedBefore + " délibérations terminées",
        "× " + fmt(after[1].medianMs() / before[1].medianMs(), 2) + " (médianes)", n,
        "taskService.createTaskQuery().taskCandidateGroupIn([director]).count(), mêmes conditions"));
  }

  long finishedDeliberations() {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("deliberation").finished()
        .count();
  }

  List<String> finishedRoots(String processKey) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(processKey).finished().list()
        .stream().map(HistoricProcessInstance::getId).toList();
  }

  Timings[] directorQuery() {
    IdentityService identity = app.getBean(IdentityService.class);
    Timings list = new Timings();
    Timings count = new Timings();
    identity.setAuthentication("directeur", List.of("director"));
    try {
      for (int i = 0; i < queryWarmup + queryRuns; i++) {
        long t0 = System.nanoTime();
        List<Task> page = taskService.createTaskQuery().taskCandidateGroupIn(List.of("director"))
            .orderByTaskCreateTime().desc().listPage(0, 15);
        long t1 = System.nanoTime();
        long total = taskService.createTaskQuery().taskCandidateGroupIn(List.of("director")).count();
        long t2 = System.nanoTime();
        if (page.size() != Math.min(15, openDrafts) || total != openDrafts) {
          throw new IllegalStateException("The director sees " + total + " tasks, not " + openDrafts);
        }
        if (i >= queryWarmup) {
          list.add(t1 - t0);
          count.add(t2 - t1);
        }
      }
    } finally {
      identity.clearAuthentication();
    }
    return new Timings[] {list, count};
  }

  // --- 5. Start-up and memory --------------------------------------------------------------------

  void startupAndMemory(Path runDir) throws Exception {
    String jarPath = System.getProperty("bench.jar");
    Path jar = jarPath == null ? null : Path.of(jarPath);
    if (jar == null || !Files.isRegularFile(jar)) {
      notes.add("Démarrage et mémoire non mesurés : jar absent (" + jarPath + ") ; lancer par mvn -Pbenchmark verify.");
      return;
    }
    figures.put("jar_mib", round(Files.size(jar) / 1024.0 / 1024.0, 1));
    rows.add(new Row("5. Taille du jar (Mio)", fmt(Files.size(jar) / 1024.0 / 1024.0, 1), "", "", "1 jar",
        base.relativize(jar) + ", tel que le profil benchmark l'empaquette (spring-boot-maven-plugin)"));
    Path dir = runDir.resolve("startup");
    List<String> arguments = List.of("--server.port=0", "--comitia.embedded.smtp.port=0", "--comitia.demo.replay-seed=false",
        "--comitia.embedded.postgres.data-directory=" + dir.resolve("postgres"),
        "--comitia.signature.keystore=" + dir.resolve("president.p12"));
    StartupProbe probe = new StartupProbe(jar, base, resultsDir);
    log("Démarrage : première fois (base neuve)");
    StartupProbe.Sample first = probe.start("first", arguments, dir.resolve("postgres"), Duration.ofMinutes(5));
    log("  prêt en %.1f s, JVM %d Mio", first.toReady().toMillis() / 1000.0, first.jvmRssKb() / 1024);
    log("Démarrage : redémarrage (base existante)");
    StartupProbe.Sample again = probe.start("restart", arguments, dir.resolve("postgres"), Duration.ofMinutes(5));
    log("  prêt en %.1f s, JVM %d Mio", again.toReady().toMillis() / 1000.0, again.jvmRssKb() / 1024);
    Path stockDir = runDir.resolve("stock");
    List<String> stockCommand = List.of(StartupProbe.java(), "-cp", System.getProperty("java.class.path"),
        StockStarter.class.getName(), stockDir.resolve("postgres").toString());
    log("Démarrage de Camunda de base (starter Spring Boot et webapps) : première fois (base neuve)");
    StartupProbe.Sample stockFirst = probe.start("stock-first", stockCommand, StockStarter.READY,
        stockDir.resolve("postgres"), Duration.ofMinutes(5));
    log("  prêt en %.1f s, JVM %d Mio", stockFirst.toReady().toMillis() / 1000.0, stockFirst.jvmRssKb() / 1024);
    log("Démarrage de Camunda de base : redémarrage (base existante)");
    StartupProbe.Sample stockAgain = probe.start("stock-restart", stockCommand, StockStarter.READY,
        stockDir.resolve("postgres"), Duration.ofMinutes(5));
    log("  prêt en %.1f s, JVM %d Mio", stockAgain.toReady().toMillis() / 1000.0, stockAgain.jvmRssKb() / 1024);
    double ratio = (double) again.toReady().toNanos() / stockAgain.toReady().toNanos();
    figures.put("startup_ratio_vs_stock", round(ratio, 2));
    figures.put("startup_first_ratio_vs_stock",
        round((double) first.toReady().toNanos() / stockFirst.toReady().toNanos(), 2));
    figures.put("startup_s", round(again.toReady().toMillis() / 1000.0, 1));
    figures.put("startup_stock_s", round(stockAgain.toReady().toMillis() / 1000.0, 1));
    figures.put("rss_after_start_mib", round(again.jvmRssKb() / 1024.0, 0));
    figures.put("rss_after_start_stock_mib", round(stockAgain.jvmRssKb() / 1024.0, 0));
    loads.put("startup_comitia", again.othersShare());
    loads.put("startup_stock", stockAgain.othersShare());
    String how = "java -jar " + base.relativize(jar) + " (profil demo, PostgreSQL et SMTP embarqués, exécuteur de "
        + "tâches actif, options de JVM par défaut, ports libres au lieu de 8080 et 2525), lancé par le benchmark "
        + "après l'arrêt de son propre Comitia ; du lancement du processus à la ligne « " + StartupProbe.READY
        + " » du journal (Spring Boot dit « Started in " + first.springReported() + " » et « " + again.springReported()
        + " »). CPU consommé jusque-là (JVM, initdb, PostgreSQL) : " + fmt(first.cpuSeconds(), 1) + " s puis "
        + fmt(again.cpuSeconds(), 1) + " s ; autres processus de la machine pendant ces démarrages : "
        + fmt(100 * first.othersShare(), 0) + " % puis " + fmt(100 * again.othersShare(), 0) + " % des cœurs";
    rows.add(new Row("5. Démarrage jusqu'à « Comitia est prêt » (s)",
        fmt(first.toReady().toMillis() / 1000.0, 1) + " premier démarrage (base neuve : initdb, schémas, "
            + "déploiement, comptes) ; " + fmt(again.toReady().toMillis() / 1000.0, 1) + " redémarrage",
        fmt(stockFirst.toReady().toMillis() / 1000.0, 1) + " puis " + fmt(stockAgain.toReady().toMillis() / 1000.0, 1)
            + ", Camunda de base (starter Spring Boot et webapps)",
        "× " + fmt(ratio, 1) + " (redémarrages), × " + fmt((double) first.toReady().toNanos()
            / stockFirst.toReady().toNanos(), 1) + " (bases neuves)", "1 lancement de chaque sorte",
        how + ". Référence : StockStarter (paquet du benchmark), application Spring Boot minimale avec "
            + "camunda-bpm-spring-boot-starter-webapp, un administrateur demo, rien de déployé, sur un PostgreSQL "
            + "embarqué zonky démarré de même, lancée par java -cp <chemin de classes des tests> (les fichiers de "
            + "configuration de Comitia ne sont pas lus ; Flyway, Spring Security, Spring Session et springdoc, "
            + "présents sur ce chemin, coupés), du lancement du processus à la ligne « " + StockStarter.READY
            + " » ; autres processus de la machine : " + fmt(100 * stockFirst.othersShare(), 0) + " % puis "
            + fmt(100 * stockAgain.othersShare(), 0) + " %"));
    rows.add(new Row("5. Mémoire résidente au moment où Comitia est prêt (Mio)",
        memory(first) + " ; au redémarrage : " + memory(again),
        memory(stockFirst) + " ; au redémarrage : " + memory(stockAgain) + ", Camunda de base",
        "× " + fmt((double) again.jvmRssKb() / stockAgain.jvmRssKb(), 1) + " (JVM, redémarrages)", "mêmes lancements",
        "JVM : VmRSS (et VmHWM, le pic) de /proc/<pid>/status ; PostgreSQL : somme des Pss "
            + "(/proc/<pid>/smaps_rollup) de ses processus, qui répartit sa mémoire partagée entre eux ; ensemble : "
            + "Pss de la JVM + Pss de PostgreSQL ; JVM sans -Xmx (défaut : 1/4 de la mémoire de la machine)"));
  }

  /** The nine figures of issue 15 first (null when not measured), then the others, the loads, the machine. */
  static final List<String> KEYS = List.of("lifecycle_cpu_ratio", "fanout_cpu_ratio", "sql_per_deliberation_ratio",
      "convocation_mail_kib", "extract_render_p95_ms", "task_query_p95_ms", "startup_ratio_vs_stock",
      "rss_after_start_mib", "jar_mib");

  void writeJson(Duration total) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : KEYS) {
      Double value = figures.get(key);
      out.put(key, value == null || value.isNaN() ? null : value);
    }
    figures.forEach((k, v) -> {
      if (!KEYS.contains(k)) {
        out.put(k, v.isNaN() ? null : v);
      }
    });
    Map<String, Object> load = new LinkedHashMap<>();
    loads.forEach((k, v) -> load.put(k, round(v, 3)));
    out.put("others_share_of_cores", load);
    out.put("duration_s", total.toSeconds());
    out.put("date", LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES).toString());
    out.put("command", "mvn -Pbenchmark verify" + commandParameters());
    out.put("machine", machine());
    Files.writeString(resultsDir.resolve("results.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n");
  }

  static String memory(StartupProbe.Sample s) {
    return "JVM " + s.jvmRssKb() / 1024 + " (pic " + s.jvmPeakKb() / 1024 + "), PostgreSQL " + s.postgresPssKb() / 1024
        + " (" + s.postgresProcesses() + " processus), ensemble " + s.totalPssKb() / 1024;
  }

  // --- Report ------------------------------------------------------------------------------------

  static String fmt(double value, int decimals) {
    return String.format(Locale.FRENCH, "%." + decimals + "f", value);
  }

  String report(Duration total) throws IOException {
    StringBuilder out = new StringBuilder();
    out.append("### Résultats du ").append(LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES)).append("\n\n");
    out.append("Machine : ").append(machine()).append("\n\n");
    out.append("Commande : `mvn -Pbenchmark verify").append(commandParameters()).append("` — durée totale ")
        .append(Math.round(total.toSeconds() / 60.0)).append(" min.\n\n");
    out.append("| Mesure | Comitia | Référence | Rapport | N | Comment c'est mesuré |\n");
    out.append("|---|---|---|---|---|---|\n");
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparing(r -> r.measure().substring(0, 1)));
    for (Row r : sorted) {
      out.append("| ").append(cell(r.measure())).append(" | ").append(cell(r.comitia())).append(" | ")
          .append(cell(r.reference())).append(" | ").append(cell(r.ratio())).append(" | ").append(cell(r.n()))
          .append(" | ").append(cell(r.how())).append(" |\n");
    }
    if (!lifecycles.isEmpty()) {
      out.append("\nCycle de vie, temps par phase (s) :\n\n| Phase |");
      lifecycles.keySet().forEach(k -> out.append(' ').append(k).append(" |"));
      out.append("\n|---|");
      lifecycles.keySet().forEach(k -> out.append("---|"));
      out.append('\n');
      Lifecycle.Result first = lifecycles.values().iterator().next();
      for (String phase : first.phases().keySet()) {
        out.append("| ").append(phase).append(" |");
        for (Lifecycle.Result r : lifecycles.values()) {
          Duration d = r.phases().get(phase);
          out.append(' ').append(d == null ? "" : fmt(d.toMillis() / 1000.0, 1)).append(" |");
        }
        out.append('\n');
      }
    }
    for (String note : notes) {
      out.append("\n").append(note).append('\n');
    }
    return out.toString();
  }

  static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  String commandParameters() {
    StringBuilder out = new StringBuilder();
    System.getProperties().stringPropertyNames().stream().sorted()
        .filter(k -> k.startsWith("bench.") && !k.equals("bench.jar"))
        .forEach(k -> out.append(" -D").append(k).append('=').append(System.getProperty(k)));
    return out.toString();
  }

  String machine() throws IOException {
    String cpu = "?";
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        cpu = line.substring(line.indexOf(':') + 1).strip();
        break;
      }
    }
    long memKb = 0;
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return Runtime.getRuntime().availableProcessors() + " cœurs (nproc), " + fmt(memKb / 1024.0 / 1024.0, 1)
        + " Gio de mémoire, " + cpu + " ; " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version") + " ; " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + " ; PostgreSQL " + postgresVersion + " embarqué (zonky) ; "
        + "benchmark lancé avec -Xmx4g";
  }
}
