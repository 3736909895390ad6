package fr.comitia.web;

import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Workflow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The catalogue of bad input (README, « Fiabilité et sécurité »): every case, sent over Comitia's
 * API, the engine REST API as Tasklist sends it, or the personal-link pages, is answered with a 4xx
 * and a French message, and leaves the register and the engine's open work exactly as they were.
 */
@ComitiaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueIT {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;
  @Autowired GreenMail smtp;
  private final ObjectMapper json = new ObjectMapper();
  @Autowired Workflow flow;

  String inReview;
  String agendaSession;
  String signatureSession;
  String rollCallSession;
  String voteSession;
  String proxyLink;

  @BeforeAll
  void prepare() {
    Workflow.clockAt("2030-01-07T09:00:00+01:00");
    inReview = flow.submit(Map.of("bodyId", "bureau", "object", "Projet en relecture",
        "articles", List.of(Map.of("verb", "DECIDE", "text", "d'attendre."))));
    agendaSession = flow.createSession("bureau", "2030-01-25T10:00:00+01:00", "Lille");
    signatureSession = flow.sessionWithAgenda("bureau", "2030-01-24T16:00:00+01:00",
        List.of(flow.approvedDraft("bureau", "Point à signer")));
    rollCallSession = flow.sessionWithAgenda("bureau", "2030-01-24T10:00:00+01:00",
        List.of(flow.approvedDraft("bureau", "Point de l'appel")));
    voteSession = flow.sessionWithAgenda("bureau", "2030-01-24T09:00:00+01:00",
        List.of(flow.approvedDraft("bureau", "Point à voter")));
    String proxySession = flow.sessionWithAgenda("bureau", "2030-01-24T14:00:00+01:00",
        List.of(flow.approvedDraft("bureau", "Point des pouvoirs")));
    Workflow.clockAt("2030-01-08T10:00:00+01:00");
    for (String s : List.of(rollCallSession, voteSession, proxySession)) {
      flow.completeOk("ccoulon", s, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    }
    flow.executeJobs();
    String mail = Mails.text(Mails.received(smtp, "anne.vanpeene@elus.example.org", "24 janvier 2030 à 14 h 00").get(0));
    Matcher link = Pattern.compile("https?://[^/\\s]+(/procuration/[A-Za-z0-9_.=-]+)").matcher(mail);
    assertThat(link.find()).isTrue();
    proxyLink = link.group(1);

    Workflow.clockAt("2030-01-24T10:00:00+01:00");
    flow.executeJobs();
    Object prefilled = runtimeService.getVariable(flow.task(voteSession, TASK_ROLL_CALL).getProcessInstanceId(),
        "attendance");
    flow.completeOk("secretariat", voteSession, TASK_ROLL_CALL, Map.of(
        "attendance", org.camunda.spin.Spin.JSON(prefilled.toString()).mapTo(List.class),
        "presidingMemberId", "ccoulon", "sessionSecretaryId", "lmonnet"));
    assertThat(flow.hasTask(voteSession, TASK_RECORD_VOTE)).isTrue();
    assertThat(flow.hasTask(rollCallSession, TASK_ROLL_CALL)).isTrue();
  }

  @AfterAll
  void resetClock() {
  }

  record Case(String name, Supplier<ResponseEntity<String>> call, int status, String french) {}

  @TestFactory
  Stream<DynamicTest> everyBadInputIsAFrench4xxThatWritesNothing() {
    List<Case> cases = catalogue();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Map<String, String> before = fingerprint();
      ResponseEntity<String> response = c.call().get();
      assertThat(response.getStatusCode().value()).as("%s: %s", c.name(), response.getBody()).isEqualTo(c.status());
      assertThat(response.getBody()).as(c.name()).contains(c.french());
      assertThat(fingerprint()).as("%s wrote nothing", c.name()).isEqualTo(before);
    }));
  }

  private List<Case> catalogue() {
    List<Case> cases = new ArrayList<>();
    // --- POST /api/deliberations ---------------------------------------------------------------
    cases.add(draft("objet de 1 001 caractères", Map.of("object", "x".repeat(1001)),
        "L'objet de la délibération dépasse 1 000 caractères (reçu : 1 001)"));
    cases.add(draft("préambule de 50 001 caractères", Map.of("preamble", "p".repeat(50_001)),
        "Le préambule dépasse 50 000 caractères"));
    cases.add(draft("proposition de 4 001 caractères", Map.of("proposal", "p".repeat(4_001)),
        "La proposition dépasse 1 000 caractères"));
    cases.add(draft("note de 10 001 caractères", Map.of("note", "n".repeat(10_001)),
        "La note explicative dépasse 10 000 caractères"));
    cases.add(draft("titre d'annexe de 501 caractères", Map.of("annexes", List.of("a".repeat(501))),
        "Annexe n° 1 dépasse 500 caractères"));
    cases.add(draft("caractère NUL dans l'objet", Map.of("object", "Objet\u0000caché"),
        "L'objet de la délibération contient un caractère de contrôle interdit (U+0000"));
    cases.add(draft("caractère de contrôle dans le préambule", Map.of("preamble", "Sonnerie\u0007"),
        "Le préambule contient un caractère de contrôle interdit (U+0007"));
    cases.add(draft("10 000 articles", Map.of("articles", Collections.nCopies(10_000,
        Map.of("verb", "DECIDE", "text", "de tout."))), "Les articles : au plus 100 éléments (reçu : 10 000)"));
    cases.add(draft("visa d'un million de caractères", Map.of("visas", List.of("v".repeat(1_000_000))),
        "Visa n° 1 dépasse 2 000 caractères"));
    cases.add(draft("51 visas", Map.of("visas", Collections.nCopies(51, "Vu la loi")),
        "Les visas : au plus 50 éléments"));
    cases.add(draft("2 000 partenaires", Map.of("partners", Collections.nCopies(2_000,
        Map.of("name", "Partenaire", "email", "p@example.org"))), "Les partenaires : au plus 50 éléments"));
    cases.add(draft("article de 10 001 caractères", Map.of("articles", List.of(Map.of("verb", "DECIDE",
        "text", "t".repeat(10_001)))), "Article 1 dépasse 10 000 caractères"));
    cases.add(draft("verbe d'article de 61 caractères", Map.of("articles", List.of(Map.of("verb", "V".repeat(61),
        "text", "de tout."))), "Article 1 (verbe) dépasse 60 caractères"));
    cases.add(draft("assemblée inconnue", Map.of("bodyId", "senat"), "L'assemblée « senat » est inconnue"));
    cases.add(draft("sans article", Map.of("articles", List.of()), "La délibération doit comporter au moins un article"));
    cases.add(draft("matière inconnue de la préfecture", Map.of("matiere", "9.9"),
        "Matière inconnue : « 9.9 » n'est pas dans la classification de la préfecture"));
    cases.add(draft("matière trop générale", Map.of("matiere", "1"),
        "Matière trop générale : « 1 » Commande publique a des sous-matières, choisissez-en une (1.1 Marchés publics"));
    cases.add(draft("nature d'acte inconnue", Map.of("nature", "9"),
        "Nature d'acte inconnue : « 9 » (classification de la préfecture : 1 Délibérations"));
    cases.add(draft("adresse de partenaire invalide", Map.of("partners", List.of(Map.of("name", "X",
        "email", "x@"))), "adresse électronique invalide"));
    cases.add(draft("rapporteur étranger à l'assemblée", Map.of("rapporteurId", "jldauchy"),
        "n'est pas membre de l'assemblée"));
    cases.add(new Case("projet en JSON illisible", () -> raw("redacteur", HttpMethod.POST, "/api/deliberations",
        "{\"bodyId\": \"bureau\", \"object\": ", MediaType.APPLICATION_JSON), 400, "Requête illisible"));
    cases.add(new Case("projet en texte brut", () -> raw("redacteur", HttpMethod.POST, "/api/deliberations",
        "objet", MediaType.TEXT_PLAIN), 415, "Type de contenu non accepté"));
    // --- POST /api/sessions --------------------------------------------------------------------
    cases.add(session("lieu de 301 caractères", Map.of("place", "L".repeat(301)),
        "Le lieu de la séance dépasse 300 caractères"));
    cases.add(session("caractère NUL dans le lieu", Map.of("place", "Lille\u0000"),
        "Le lieu de la séance contient un caractère de contrôle interdit"));
    cases.add(session("date en l'an 99999", Map.of("sessionDate", "+99999-06-16T10:00:00+02:00"),
        "doit être une date entre 2000 et 2100"));
    cases.add(session("date illisible", Map.of("sessionDate", "le 16 juin"), "doit être une date ISO-8601 avec fuseau"));
    cases.add(session("date passée", Map.of("sessionDate", "2029-06-16T10:00:00+02:00"), "La date de séance doit être à venir"));
    cases.add(session("assemblée inconnue", Map.of("bodyId", "senat"), "L'assemblée « senat » est inconnue"));
    cases.add(session("sans lieu", Map.of("place", " "), "Le lieu de la séance est obligatoire"));
    // --- Reads ----------------------------------------------------------------------------------
    cases.add(get("année illisible", "/api/deliberations?year=deux-mille", MediaType.APPLICATION_JSON, 400,
        "Paramètre « year » invalide"));
    cases.add(get("statut inconnu", "/api/deliberations?status=FOO", MediaType.APPLICATION_JSON, 400,
        "Statut « FOO » inconnu"));
    cases.add(get("extrait HTML d'une délibération inconnue", "/api/deliberations/D999999/extract.html",
        MediaType.TEXT_HTML, 404, "Délibération « D999999 » introuvable"));
    cases.add(get("délibération inconnue", "/api/deliberations/D999999", MediaType.APPLICATION_JSON, 404,
        "Délibération « D999999 » introuvable"));
    cases.add(get("convocation d'une séance inconnue", "/api/sessions/S999999/convocation.pdf",
        MediaType.APPLICATION_PDF, 404, "Séance « S999999 » introuvable"));
    cases.add(new Case("méthode DELETE sur le registre", () -> raw("directeur", HttpMethod.DELETE,
        "/api/deliberations", null, MediaType.APPLICATION_JSON), 405, "Méthode HTTP non acceptée"));
    // --- Engine REST: starts and completions, as Tasklist sends them ---------------------------------
    cases.add(new Case("démarrage avec la clé d'une délibération existante", () -> engine("redacteur",
        "/engine-rest/process-definition/key/deliberation/start", Map.of("businessKey", inReview,
            "variables", Map.of("bodyId", string("bureau"), "object", string("Réécrit"),
                "articles", typed("[{\"text\":\"x\"}]", "Json")))), 400, "existe déjà"));
    cases.add(new Case("démarrage avec un NUL dans le préambule", () -> engine("redacteur",
        "/engine-rest/process-definition/key/deliberation/start", Map.of("variables", Map.of(
            "bodyId", string("bureau"), "object", string("Objet"), "preamble", string("a\u0000b"),
            "articles", typed("[{\"text\":\"x\"}]", "Json")))), 400, "contient un caractère de contrôle interdit"));
    cases.add(complete("commentaire de renvoi de 4 001 caractères", "directeur", inReview, TASK_REVIEW,
        Map.of("approved", typed(false, "Boolean"), "reviewComment", string("c".repeat(4_001))),
        "Le commentaire (reviewComment) dépasse 4 000 caractères"));
    cases.add(complete("validation « peut-être »", "directeur", inReview, TASK_REVIEW,
        Map.of("approved", string("peut-être")), "doit valoir true ou false"));
    cases.add(complete("NUL dans le commentaire", "directeur", inReview, TASK_REVIEW,
        Map.of("approved", typed(false, "Boolean"), "reviewComment", string("à revoir\u0000")),
        "contient un caractère de contrôle interdit"));
    cases.add(complete("validation d'un projet sans matière", "directeur", inReview, TASK_REVIEW,
        Map.of("approved", typed(true, "Boolean")), "Validation refusée : le projet « " + inReview
            + " » n'a pas de matière dans la classification des actes de la préfecture."));
    cases.add(complete("NUL dans une variable hors contrat", "directeur", inReview, TASK_REVIEW,
        Map.of("approved", typed(false, "Boolean"), "reviewComment", string("À revoir."),
            "commentaireLibre", string("x\u0000y")),
        "Valeur refusée par le registre"));
    cases.add(complete("ordre du jour de 101 points", "secretariat", agendaSession, TASK_BUILD_AGENDA,
        Map.of("agenda", typed(write(IntStream.range(0, 101).mapToObj(i -> "D" + i).toList()), "Json")),
        "L'ordre du jour compte au plus 100 points (reçu : 101)"));
    cases.add(complete("ordre du jour en JSON illisible", "secretariat", agendaSession, TASK_BUILD_AGENDA,
        Map.of("agenda", typed("[\"D1\",", "Json")), "« agenda » n'est pas un JSON valide"));
    cases.add(complete("motif d'urgence de 2 001 caractères", "ccoulon", signatureSession, TASK_SIGN_CONVOCATION,
        Map.of("urgent", typed(true, "Boolean"), "urgencyReason", string("u".repeat(2_001))),
        "Le motif de l'urgence (urgencyReason) dépasse 2 000 caractères"));
    cases.add(complete("appel en JSON illisible", "secretariat", rollCallSession, TASK_ROLL_CALL,
        Map.of("attendance", typed("[{\"memberId\": ", "Json")), "« attendance » n'est pas un JSON valide"));
    cases.add(complete("appel en liste de textes", "secretariat", rollCallSession, TASK_ROLL_CALL,
        Map.of("attendance", typed("[\"ccoulon\"]", "Json")), "chaque entrée est un objet"));
    cases.add(complete("appel de 1 001 entrées", "secretariat", rollCallSession, TASK_ROLL_CALL,
        Map.of("attendance", typed(write(Collections.nCopies(1_001, Map.of("memberId", "ccoulon",
            "status", "PRESENT"))), "Json")), "au plus 1000 entrées"));
    cases.add(complete("statut d'appel inconnu", "secretariat", rollCallSession, TASK_ROLL_CALL,
        Map.of("attendance", typed("[{\"memberId\":\"ccoulon\",\"status\":\"PEUT-ETRE\"}]", "Json")),
        "statut « PEUT-ETRE » inconnu"));
    cases.add(complete("voix pour « beaucoup »", "secretariat", voteSession, TASK_RECORD_VOTE,
        Map.of("votesFor", string("beaucoup"), "votesAgainst", typed(0, "Integer")), "doit être un nombre entier"));
    cases.add(complete("voix pour au-delà d'un entier", "secretariat", voteSession, TASK_RECORD_VOTE,
        Map.of("votesFor", typed(10_000_000_000L, "Long")), "doit être un nombre entier"));
    // --- Pages behind personal links ------------------------------------------------------------
    cases.add(new Case("lien de pouvoir falsifié", () -> form("/procuration/Zm9vLmJhcg.AAAA",
        Map.of("status", "EXCUSED")), 404, "lien"));
    cases.add(new Case("déclaration sans statut", () -> form(proxyLink, Map.of("status", "PEUT-ETRE")), 400,
        "Indiquez si vous serez absent(e) ou excusé(e)"));
    cases.add(new Case("lien d'accusé de réception falsifié", () -> form("/accuse-reception/Zm9v.AAAA", Map.of()),
        404, "lien"));
    return cases;
  }

  // --- Requests --------------------------------------------------------------------------------

  private Case draft(String name, Map<String, Object> change, String french) {
    Map<String, Object> draft = new LinkedHashMap<>(Map.of("bodyId", "bureau", "object", "Objet valable",
        "articles", List.of(Map.of("verb", "DECIDE", "text", "de tout."))));
    draft.putAll(change);
    return new Case("projet : " + name, () -> raw("redacteur", HttpMethod.POST, "/api/deliberations", write(draft),
        MediaType.APPLICATION_JSON), 400, french);
  }

  private Case session(String name, Map<String, Object> change, String french) {
    Map<String, Object> session = new LinkedHashMap<>(Map.of("bodyId", "bureau",
        "sessionDate", "2030-06-16T10:00:00+02:00", "place", "Lille"));
    session.putAll(change);
    return new Case("séance : " + name, () -> raw("secretariat", HttpMethod.POST, "/api/sessions", write(session),
        MediaType.APPLICATION_JSON), 400, french);
  }

  private Case get(String name, String path, MediaType accept, int status, String french) {
    return new Case(name, () -> {
      HttpHeaders headers = new HttpHeaders();
      headers.setAccept(List.of(accept));
      return problem(path, flow.as("directeur").exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class));
    }, status, french);
  }

  private Case complete(String name, String user, String businessKey, String taskKey, Map<String, Object> variables,
      String french) {
    return new Case("tâche " + taskKey + " : " + name, () -> engine(user,
        "/engine-rest/task/" + flow.task(businessKey, taskKey).getId() + "/complete", Map.of("variables", variables)),
        400, french);
  }

  private ResponseEntity<String> engine(String user, String path, Map<String, Object> body) {
    return raw(user, HttpMethod.POST, path, write(body), MediaType.APPLICATION_JSON);
  }

  private ResponseEntity<String> raw(String user, HttpMethod method, String path, String body, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(type);
    return problem(path, flow.as(user).exchange(path, method, new HttpEntity<>(body, headers), String.class));
  }

  /**
   * A refusal of Comitia's API ({@code /api/**}) is an RFC 9457 problem detail in French, which still
   * carries {@code message}; the engine REST API keeps Camunda's own shape, which Tasklist reads.
   */
  private ResponseEntity<String> problem(String path, ResponseEntity<String> response) {
    if (path.startsWith("/api/") && response.getStatusCode().is4xxClientError()) {
      assertThat(String.valueOf(response.getHeaders().getContentType())).as(path).startsWith("application/problem+json");
      try {
        com.fasterxml.jackson.databind.JsonNode problem = json.readTree(response.getBody());
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("status").asInt()).isEqualTo(response.getStatusCode().value());
        assertThat(problem.path("title").asText()).isEqualTo(Problems.title(response.getStatusCode().value()));
        assertThat(problem.path("detail").asText()).isNotBlank().isEqualTo(problem.path("message").asText());
        assertThat(problem.path("instance").asText()).isEqualTo(path.replaceFirst("\\?.*$", ""));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new AssertionError(path + ": " + response.getBody(), e);
      }
    }
    return response;
  }

  private ResponseEntity<String> form(String path, Map<String, String> fields) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> values = new LinkedMultiValueMap<>();
    fields.forEach(values::add);
    return new TestRestTemplate().exchange(rest.getRootUri() + path, HttpMethod.POST, new HttpEntity<>(values, headers),
        String.class);
  }

  private static Map<String, Object> string(String value) {
    return typed(value, "String");
  }

  private static Map<String, Object> typed(Object value, String type) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("value", value);
    v.put("type", type);
    return v;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A digest of every register table and of the engine's open tasks and variables. */
  private Map<String, String> fingerprint() {
    Map<String, String> digest = new LinkedHashMap<>();
    List<String> tables = jdbc.sql("""
            select table_schema || '.' || table_name from information_schema.tables
             where table_schema = 'comitia' and table_type = 'BASE TABLE'
               and table_name not like 'spring_session%' and table_name <> 'flyway_schema_history'""")
        .query(String.class).list();
    List<String> all = new ArrayList<>(tables);
    all.addAll(List.of("public.act_ru_task", "public.act_ru_variable", "public.act_ru_execution"));
    for (String table : all) {
      digest.put(table, jdbc.sql("select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from "
          + table + " t").query(String.class).single());
    }
    return digest;
  }

  @Test
  void longTextsBeyondTheEnginesColumnAreKeptWholeWhateverStartsTheProcess() {
    String preamble = "Considérant l'intérêt du groupement. ".repeat(200).strip();
    assertThat(preamble.length()).isGreaterThan(4_000);
    ResponseEntity<String> tasklist = engine("redacteur", "/engine-rest/process-definition/key/deliberation/start",
        Map.of("variables", Map.of("bodyId", string("bureau"), "object", string("Long préambule"),
            "preamble", string(preamble), "articles", typed("[{\"verb\":\"DECIDE\",\"text\":\"d'adhérer.\"}]", "Json"))));
    assertThat(tasklist.getStatusCode().value()).as(tasklist.getBody()).isEqualTo(200);
    String id = org.camunda.spin.Spin.JSON(tasklist.getBody()).prop("businessKey").stringValue();
    assertThat(jdbc.sql("select preamble from comitia.deliberation where id = :id").param("id", id)
        .query(String.class).single()).isEqualTo(preamble);
    assertThat(runtimeService.getVariable(flow.task(id, TASK_REVIEW).getProcessInstanceId(), "preamble"))
        .isEqualTo(preamble);
    String note = "n".repeat(9_000);
    String api = flow.submit(Map.of("bodyId", "bureau", "object", "Longue note", "note", note,
        "articles", List.of(Map.of("text", "d'adhérer."))));
    assertThat(jdbc.sql("select note from comitia.deliberation where id = :id").param("id", api)
        .query(String.class).single()).isEqualTo(note);
  }
}
