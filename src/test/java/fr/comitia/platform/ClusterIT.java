package fr.comitia.platform;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.comitia.ComitiaApplication;
import fr.comitia.support.PostgresServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Comitia nodes, two JVMs, one real PostgreSQL database, started at the same instant on an empty
 * database: both come up (one creates the schemas and does the start-up work, the other waits for
 * it and changes nothing); a session driven over HTTP up to the convocation sends each member's
 * convocation once; the node sending them is killed (SIGKILL) in the middle, the other one finishes
 * (none lost; a duplicate only for the mail in flight, with the same Message-ID); a Tasklist login
 * made on one node is valid on the other (sessions in comitia.spring_session).
 */
class ClusterIT {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
  /**
   * Job lock time of the nodes (Camunda's default: 5 minutes): the survivor takes the dead node's
   * jobs over once it expires. It must outlast a whole session's sending: the per-member jobs are
   * exclusive, created together by one job, and so locked together by the node that runs it, which
   * then sends them one after the other; a lock expiring before its turn would let the other node
   * send the same convocation at the same time.
   */
  private static final long LOCK_TIME_MILLIS = 40_000;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Node> nodes = new ArrayList<>();
  private PostgresServer postgres;
  private GreenMail smtp;
  private String dbUrl;
  private Path runDir;

  /** A Comitia node: a child JVM on the test's class path, its log in target/cluster/. */
  private record Node(String name, int port, Process process, Path log) {

    String base() {
      return "http://127.0.0.1:" + port;
    }

    String logText() {
      try {
        return Files.readString(log, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }

    boolean ready() {
      return logText().contains("Comitia est pr");
    }

    String tail() {
      String text = logText();
      return text.substring(Math.max(0, text.length() - 6000));
    }
  }

  @BeforeEach
  void servers() throws Exception {
    postgres = PostgresServer.fromEnvironmentOrStart();
    dbUrl = postgres.createDatabase("comitia_cluster");
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    runDir = Path.of("target", "cluster", "run-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
    Files.createDirectories(runDir);
  }

  @AfterEach
  void stop() throws Exception {
    for (Node node : nodes) {
      node.process().destroy();
    }
    for (Node node : nodes) {
      if (!node.process().waitFor(30, TimeUnit.SECONDS)) {
        node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private Node launch(String name) throws IOException {
    int port = freePort();
    Path dir = Files.createDirectories(runDir.resolve(name));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Duser.timezone=Europe/Paris", "-Dfile.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"),
        ComitiaApplication.class.getName(),
        "--spring.profiles.active=demo", "--comitia.demo.replay-seed=false",
        "--server.port=" + port,
        "--spring.datasource.url=" + dbUrl,
        "--spring.datasource.username=" + postgres.user(),
        "--spring.datasource.password=" + postgres.password(),
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + smtp.getSmtp().getPort(),
        "--comitia.public-url=http://127.0.0.1:" + port,
        "--comitia.signature.keystore=" + dir.resolve("signature").resolve("president.p12"),
        "--camunda.bpm.job-execution.enabled=true",
        "--comitia.node-name=" + name,
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
        // A mail claimed by a node killed mid-send is taken over once its claim expires: before the
        // dead node's job locks do, so that the survivor sends it (again, same Message-ID) at once.
        "--comitia.mail.claim-duration=PT15S",
        "--camunda.bpm.job-execution.max-wait=2000"));
    Path log = runDir.resolve(name + ".log");
    Process process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Node node = new Node(name, port, process, log);
    nodes.add(node);
    return node;
  }

  @Test
  void twoNodesStartedTogetherBothServeShareTheirSessionsAndFinishADeadNodesConvocations() throws Exception {
    long launched = System.nanoTime();
    Node one = launch("node1");
    Node two = launch("node2");
    await("both nodes ready (" + postgres.describe() + ")", START_TIMEOUT, () -> {
      for (Node node : nodes) {
        if (!node.process().isAlive()) {
          fail(node.name() + " died while starting (exit " + node.process().exitValue() + "):\n" + node.tail());
        }
      }
      return one.ready() && two.ready();
    });
    System.out.printf("Both nodes ready after %d s%n", (System.nanoTime() - launched) / 1_000_000_000L);

    // The start-up work was done once: one deployment, one version of each model, each filter once.
    assertThat(queryLong("select count(*) from act_re_deployment")).as("deployments").isEqualTo(1);
    assertThat(queryLong("select count(*) from act_re_procdef where version_ > 1")).isZero();
    // Five: validations, sessions, signatures, drafts, minutes to countersign.
    assertThat(queryLong("select count(*) from act_ru_filter")).as("Tasklist filters").isEqualTo(5);
    assertThat(queryLong("select count(*) from act_id_membership where group_id_ = 'member'")).isEqualTo(25);
    assertThat(queryLong("select count(*) from comitia.flyway_schema_history where success")).isPositive();

    tasklistLoginOnOneNodeIsValidOnTheOther(one, two);
    convocationsSentOnceByTwoNodes(one, two);
    convocationsFinishedByTheSurvivor(one, two);
  }

  /** Logs in to Tasklist on node 1 as a browser does (CSRF cookie and header), then uses the session on node 2. */
  private void tasklistLoginOnOneNodeIsValidOnTheOther(Node one, Node two) throws Exception {
    Map<String, String> cookies = new LinkedHashMap<>();
    HttpResponse<String> first = send(HttpRequest.newBuilder(URI.create(one.base() + "/camunda/app/tasklist/")).GET(),
        cookies);
    assertThat(first.statusCode()).as("Tasklist page").isLessThan(400);
    if (!cookies.containsKey("XSRF-TOKEN")) {
      send(HttpRequest.newBuilder(URI.create(one.base() + "/camunda/api/admin/auth/user/default")).GET(), cookies);
    }
    assertThat(cookies).as("Camunda's CSRF cookie").containsKey("XSRF-TOKEN");
    String form = "username=" + URLEncoder.encode("directeur", StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode("directeur-demo", StandardCharsets.UTF_8);
    HttpResponse<String> login = send(HttpRequest.newBuilder(
            URI.create(one.base() + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"))
        .POST(HttpRequest.BodyPublishers.ofString(form)), cookies);
    assertThat(login.statusCode()).as("login on node 1: %s", login.body()).isEqualTo(200);
    assertThat(cookies).as("session cookie").containsKey("JSESSIONID");

    HttpResponse<String> onTwo = send(HttpRequest.newBuilder(
        URI.create(two.base() + "/camunda/api/admin/auth/user/default")).GET(), new LinkedHashMap<>(cookies));
    assertThat(onTwo.statusCode()).as("node 2 knows node 1's login: %s", onTwo.body()).isEqualTo(200);
    assertThat(json.readTree(onTwo.body()).path("userId").asText()).isEqualTo("directeur");
    HttpResponse<String> filters = send(HttpRequest.newBuilder(
        URI.create(two.base() + "/camunda/api/engine/engine/default/filter?resourceType=Task")).GET(),
        new LinkedHashMap<>(cookies));
    assertThat(filters.statusCode()).as("Tasklist's filter list on node 2: %s", filters.body()).isEqualTo(200);
    assertThat(filters.body()).as("the director's filter, read with node 1's login").contains("Mes validations");
  }

  /**
   * A session of the syndical committee on {@code day}, driven over HTTP across both nodes up to the
   * president's signature of the convocation; returns its id. The convocations then go, one job
   * per member, from whichever node's job executor takes them.
   */
  private String convokedSession(Node one, Node two, LocalDate day, String object) throws Exception {
    String sessionDate = ZonedDateTime.of(day.atTime(18, 0), PARIS).toOffsetDateTime().toString();
    String deliberation = (String) postJson(one, "redacteur", "/api/deliberations", Map.of(
        "bodyId", "comitesyndical", "object", object, "matiere", "1.4",
        "articles", List.of(Map.of("verb", "DECIDE", "text", "de l'adhésion au groupement.")),
        "partners", List.of(Map.of("partnerId", "regionhdfent"))), 201).get("id");
    completeTask(two, "directeur", deliberation, TASK_REVIEW, Map.of(APPROVED, typed(true, "Boolean")));
    String session = (String) postJson(two, "secretariat", "/api/sessions",
        Map.of("bodyId", "comitesyndical", "sessionDate", sessionDate, "place", "Salle du conseil, Arras"), 201)
        .get("id");
    completeTask(one, "secretariat", session, TASK_BUILD_AGENDA,
        Map.of("agenda", typed(json.writeValueAsString(List.of(deliberation)), "Json")));
    completeTask(one, "ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, typed(false, "Boolean")));
    return session;
  }

  private List<String> membersInOffice(Node node, LocalDate day) throws Exception {
    Map<?, ?> body = getJson(node, "secretariat", "/api/bodies/comitesyndical?date=" + day);
    return ((List<?>) body.get("members")).stream().map(m -> (String) ((Map<?, ?>) m).get("id")).sorted().toList();
  }

  /** Both nodes alive, both job executors on: each member gets the convocation exactly once. */
  private void convocationsSentOnceByTwoNodes(Node one, Node two) throws Exception {
    // Three weeks ahead: the convocation delay (5 clear days) is met on the real clock.
    LocalDate day = LocalDate.now(PARIS).plusWeeks(3);
    List<String> members = membersInOffice(two, day);
    assertThat(members).hasSize(22);
    String session = convokedSession(one, two, day, "Adhésion au groupement de commandes ENT");
    String prefix = "<convocation-" + session + "-1-";
    await("every member convoked to " + session, Duration.ofSeconds(120),
        () -> convocations(prefix).keySet().containsAll(members));
    awaitAllSent(two, session, members.size());
    assertThat(convocations(prefix)).as("convocations by member (Message-ID)").containsOnlyKeys(members)
        .allSatisfy((member, count) -> assertThat(count).as(member).isEqualTo(1));
  }

  private void awaitAllSent(Node node, String session, int expected) throws InterruptedException {
    await("every convocation of " + session + " recorded as sent", Duration.ofSeconds(30), () -> {
      List<?> deliveries = getList(node, "secretariat", "/api/sessions/" + session + "/convocations");
      return deliveries.size() == expected
          && deliveries.stream().allMatch(d -> "SENT".equals(((Map<?, ?>) d).get("status")));
    });
  }

  /** The node sending the convocations is killed in the middle: the other one finishes, none lost. */
  private void convocationsFinishedByTheSurvivor(Node one, Node two) throws Exception {
    LocalDate day = LocalDate.now(PARIS).plusWeeks(4);
    List<String> members = membersInOffice(one, day);
    String session = convokedSession(one, two, day, "Convention de mise à disposition de l'ENT");

    // In the middle of the sending: kill a node that holds convocation jobs (lock owner = node name).
    String prefix = "<convocation-" + session + "-1-";
    await("first convocations received", Duration.ofSeconds(90), () -> convocations(prefix).size() >= 3);
    Node victim = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (victim == null && System.nanoTime() < deadline) {
      String owner = queryString("select lock_owner_ from act_ru_job where lock_owner_ in ('node1', 'node2')"
          + " order by lock_owner_ limit 1");
      victim = owner == null ? null : owner.equals(one.name()) ? one : two;
      if (victim == null) {
        TimeUnit.MILLISECONDS.sleep(10); // between two jobs: look again
      }
    }
    assertThat(victim).as("a node holding convocation jobs").isNotNull();
    victim.process().destroyForcibly();
    assertThat(victim.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    Node survivor = victim == one ? two : one;
    int sentBeforeKill = convocations(prefix).size();
    // The dead node's locks stay until they expire: its jobs, the mail in flight among them.
    List<String> heldByTheDead = queryStrings("""
        select distinct v.text_ from act_ru_job j
          join act_ru_execution e on e.id_ = j.execution_id_
          join act_ru_variable v on v.name_ = 'memberId' and v.execution_id_ in (e.id_, e.parent_id_)
         where j.lock_owner_ = '""" + victim.name() + "' order by 1");
    System.out.printf("%s killed (SIGKILL) after %d of %d convocations, holding the jobs of %s%n", victim.name(),
        sentBeforeKill, members.size(), heldByTheDead);
    assertThat(sentBeforeKill).as("the kill came in the middle of the sending").isLessThan(members.size());
    assertThat(heldByTheDead).as("convocation jobs the dead node held").isNotEmpty();

    await("every member convoked after " + victim.name() + " died (survivor " + survivor.name() + ")",
        Duration.ofSeconds(120), () -> convocations(prefix).keySet().containsAll(members));
    awaitAllSent(survivor, session, members.size());

    Map<String, Integer> received = convocations(prefix);
    assertThat(received.keySet()).as("one Message-ID per member, nothing else").containsExactlyElementsOf(members);
    Map<String, Integer> twice = received.entrySet().stream().filter(e -> e.getValue() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    System.out.printf("%s finished the sending; received twice: %s%n", survivor.name(), twice);
    // In flight: at most one mail per job executor thread of the dead node (3 by default).
    assertThat(twice).as("only a mail in flight when %s died may arrive twice", victim.name())
        .hasSizeLessThanOrEqualTo(3).allSatisfy((member, count) -> assertThat(count).isEqualTo(2));
    assertThat(heldByTheDead).as("members whose convocation arrived twice").containsAll(twice.keySet());
    assertThat(queryLong("select count(*) from act_ru_job where lock_owner_ = '" + victim.name() + "'"))
        .as("jobs still locked by the dead node").isZero();
    assertThat(survivor.process().isAlive()).isTrue();
  }

  /** Convocations of that session received, by member id (from the Message-ID). */
  private Map<String, Integer> convocations(String prefix) {
    Map<String, Integer> byMember = new TreeMap<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      try {
        String id = m.getMessageID();
        if (id != null && id.startsWith(prefix)) {
          byMember.merge(id.substring(prefix.length(), id.indexOf('@')), 1, Integer::sum);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return byMember;
  }

  // --- HTTP, as the users' browsers and tools do ---

  private static Map<String, Object> typed(Object value, String type) {
    return Map.of("value", value, "type", type);
  }

  private static String password(String user) {
    return switch (user) {
      case "directeur" -> "directeur-demo";
      case "secretariat" -> "secretariat-demo";
      case "redacteur" -> "redacteur-demo";
      default -> "membre-demo";
    };
  }

  private HttpRequest.Builder as(Node node, String user, String path) {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password(user))
        .getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(node.base() + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + credentials).header("Accept", "application/json");
  }

  private Map<?, ?> postJson(Node node, String user, String path, Object body, int expected) throws Exception {
    HttpResponse<String> response = http.send(as(node, user, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s on %s: %s", path, node.name(), response.body()).isEqualTo(expected);
    return response.body().isBlank() ? Map.of() : json.readValue(response.body(), Map.class);
  }

  private Map<?, ?> getJson(Node node, String user, String path) throws Exception {
    return json.readValue(get(node, user, path), Map.class);
  }

  private List<?> getList(Node node, String user, String path) {
    try {
      return json.readValue(get(node, user, path), List.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String get(Node node, String user, String path) throws Exception {
    HttpResponse<String> response = http.send(as(node, user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s on %s: %s", path, node.name(), response.body()).isEqualTo(200);
    return response.body();
  }

  /** Waits for the task to appear (engine REST), then completes it as {@code user}, as Tasklist does. */
  private void completeTask(Node node, String user, String businessKey, String taskKey, Map<String, Object> variables)
      throws Exception {
    String query = "/engine-rest/task?processInstanceBusinessKey=" + URLEncoder.encode(businessKey,
        StandardCharsets.UTF_8) + "&taskDefinitionKey=" + taskKey;
    List<?>[] found = new List<?>[1];
    await("task " + taskKey + " of " + businessKey, Duration.ofSeconds(30), () -> {
      found[0] = getList(node, user, query);
      return found[0].size() == 1;
    });
    String taskId = (String) ((Map<?, ?>) found[0].get(0)).get("id");
    postJson(node, user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables), 204);
  }

  /** Sends with the cookies of a browser (any node: same host), keeping those the response sets. */
  private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> cookies) throws Exception {
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return response;
  }

  // --- the database, read as an operator would ---

  private long queryLong(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(dbUrl, postgres.user(), postgres.password());
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private String queryString(String sql) {
    try (Connection c = DriverManager.getConnection(dbUrl, postgres.user(), postgres.password());
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      return r.next() ? r.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> queryStrings(String sql) {
    try (Connection c = DriverManager.getConnection(dbUrl, postgres.user(), postgres.password());
        Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (r.next()) {
        values.add(r.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code condition} until true, failing after {@code timeout}: no fixed sleeps. */
  private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
