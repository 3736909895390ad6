package fr.comitia.legality;

import static fr.comitia.deliberation.DeliberationVariables.RETRANSMIT;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.deliberation.DeliberationVariables.TASK_HANDLE_TRANSMISSION;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Workflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The act's transmission through Comitia's real S²LOW client, against a local HTTP fake of S²LOW's
 * ACTES API (the prefecture cannot run here): a refusal handled by the director and retransmitted,
 * a transmission job run twice at once, and the public register (no login, nothing unpublished).
 */
@ComitiaTest
class LegalityIT {

  static final S2lowFake S2LOW = S2lowFake.start();
  static final String PLACE = "Lille, dans les locaux du Conseil régional des Hauts-de-France";

  @DynamicPropertySource
  static void s2low(DynamicPropertyRegistry registry) throws Exception {
    S2lowFake.register(registry, S2LOW, Path.of("target", "test-data", "legality-it"));
    // As in production: the public pages and the open data's DELIB_URL follow the public address.
    registry.add("comitia.public-url", () -> "https://deliberations.npdc-numerique.fr");
  }

  @AfterAll
  static void stop() {
    S2LOW.close();
  }

  @Autowired Workflow flow;
  @Autowired TestRestTemplate rest;
  @Autowired TransmissionService transmissions;
  @Autowired ManagementService managementService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;
  @Autowired GreenMail smtp;
  @Autowired fr.comitia.document.DocumentStore documents;

  /** Adopted and signed: sealed and published, the transmission job not yet run. */
  String signedAndPublished() {
    Workflow.Seed seed = flow.seedAdopted(PLACE);
    Workflow.clockAt("2022-06-17T15:00:00+02:00");
    flow.completeOk("ccoulon", seed.deliberationId(), TASK_SIGN, Map.of(SIGNED, true));
    String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(seed.deliberationId())
        .singleResult().getId();
    for (String step : List.of("sealExtract", "publishAct")) {
      managementService.executeJob(managementService.createJobQuery().processInstanceId(instance)
          .activityId(step).singleResult().getId());
    }
    return seed.deliberationId();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTransmissionRefusedByTheGatewayGoesToTheDirectorWhoRetransmitsItAndTheActBecomesEnforceable() {
    String id = signedAndPublished();
    int posts = S2LOW.posts().size();
    S2LOW.failNext(200, "KO\nLa classification utilisée n'est plus à jour");
    flow.executeJobs();

    Map<String, Object> refused = flow.get("directeur", "/api/deliberations/" + id);
    assertThat((Map<String, Object>) refused.get("transmission")).containsEntry("status", "REFUSED")
        .containsEntry("attempt", 1).containsEntry("gateway", "s2low")
        .containsEntry("refusal", "S²LOW a refusé la transmission : La classification utilisée n'est plus à jour");
    assertThat(refused).containsEntry("status", "SIGNED").containsEntry("enforceableAt", null);
    // The legality report says which rules the act has not met yet, and why.
    Map<String, Object> report = flow.get("directeur", "/api/deliberations/" + id + "/legality-report");
    assertThat(report).containsEntry("allMet", false);
    Map<String, Map<String, Object>> checks = ((List<Map<String, Object>>) report.get("checks")).stream()
        .collect(java.util.stream.Collectors.toMap(c -> (String) c.get("code"), c -> c));
    assertThat(checks.get("TRANSMISSION")).containsEntry("met", false).containsEntry("figures",
        "Transmission REFUSED : S²LOW a refusé la transmission : La classification utilisée n'est plus à jour.");
    assertThat(checks.get("ENFORCEABILITY")).containsEntry("met", false)
        .containsEntry("figures", "L'acte n'est pas exécutoire.");
    assertThat(checks.get("VOTE")).containsEntry("met", true);
    assertThat(flow.task(id, TASK_HANDLE_TRANSMISSION).getName()).isEqualTo("Traiter l'échec de transmission");
    // Only the director decides; the refusal of a form without a decision is French.
    assertThat(flow.complete("secretariat", flow.task(id, TASK_HANDLE_TRANSMISSION), Map.of(RETRANSMIT, true))
        .getStatusCode().is4xxClientError()).isTrue();
    assertThat(flow.completeRefused("directeur", id, TASK_HANDLE_TRANSMISSION, Map.of()))
        .contains("Indiquez s'il faut retransmettre l'acte à la préfecture");

    flow.completeOk("directeur", id, TASK_HANDLE_TRANSMISSION, Map.of(RETRANSMIT, true));
    flow.executeJobs();

    S2lowFake.Post post = S2LOW.lastPost();
    assertThat(S2LOW.posts()).hasSize(posts + 1);
    assertThat(S2LOW.violations()).isEmpty();
    String actesNumber = ((String) refused.get("number")).replace('-', '_');
    assertThat(post.field("number")).isEqualTo(actesNumber);
    assertThat(post.field("nature_code")).isEqualTo("1");
    assertThat(post.field("classif1")).isEqualTo("1");
    assertThat(post.field("classif2")).isEqualTo("4");
    assertThat(post.field("decision_date")).isEqualTo("2022-06-16");
    assertThat(post.field("type_acte")).isEqualTo("99_DE");
    assertThat(post.files().get("acte_pdf_file").get(0).content())
        .isEqualTo(rest.getForObject("/registre/actes/" + id + "/acte.pdf", byte[].class));
    Map<String, Object> transmitted = flow.get("directeur", "/api/deliberations/" + id);
    assertThat((Map<String, Object>) transmitted.get("transmission")).containsEntry("status", "TRANSMITTED")
        .containsEntry("attempt", 2);

    String transaction = transmissions.latest(id).orElseThrow().transactionId();
    S2LOW.setStatus(transaction, 4, "Acquittement reçu");
    flow.prefectureAcknowledges(id);

    Map<String, Object> enforceable = flow.get("directeur", "/api/deliberations/" + id);
    Map<String, Object> t = (Map<String, Object>) enforceable.get("transmission");
    assertThat(t).containsEntry("status", "ACKNOWLEDGED").containsEntry("attempt", 2)
        .containsEntry("actesId", "059-200041036-20220616-" + actesNumber + "-DE")
        .containsEntry("acknowledgedAt", "2022-06-15T22:00:00Z");
    // The ARActe names the day of the decision; the act was published the next day: enforceable then.
    Map<String, Object> publication = (Map<String, Object>) enforceable.get("publication");
    assertThat(enforceable.get("enforceableAt")).isEqualTo(publication.get("publishedAt"));
    assertThat(enforceable.get("status")).isIn("ENFORCEABLE", "NOTIFIED");
    Map<String, Object> after = flow.get("directeur", "/api/deliberations/" + id + "/legality-report");
    assertThat(((List<Map<String, Object>>) after.get("checks")).stream()
        .filter(c -> c.get("code").equals("TRANSMISSION")).findFirst().orElseThrow()).containsEntry("met", true);
    // The act as S²LOW stamped it is kept in the register.
    assertThat(documents.latest("DELIBERATION", id, TransmissionService.STAMPED_KIND).orElseThrow().content())
        .isEqualTo(S2LOW.stampedAct(transaction));
    assertThat(Mails.received(smtp, "groupement-ent@region-hdf.example.org", "n° " + refused.get("number")))
        .hasSize(1);
  }

  @Test
  void theTransmissionJobRunTwiceAtOnceHandsTheActOverOnce() throws Exception {
    String id = signedAndPublished();
    int posts = S2LOW.posts().size();

    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      List<Callable<String>> runs = List.of(() -> transmissions.transmit(id, 1), () -> transmissions.transmit(id, 1));
      List<String> outcomes = new ArrayList<>();
      for (Future<String> f : two.invokeAll(runs)) {
        try {
          outcomes.add(f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          // The run that lost the claim is told to come back later (the job is retried).
          assertThat(e.getCause()).isInstanceOf(GatewayUnavailableException.class)
              .hasMessageContaining("being handed over by another execution");
          outcomes.add("RETRY");
        }
      }
      assertThat(outcomes).contains("TRANSMITTED");
    } finally {
      two.shutdownNow();
    }
    // The job itself then runs: the attempt is already handed over.
    flow.executeJobs();

    assertThat(S2LOW.posts()).hasSize(posts + 1);
    assertThat(transmissions.latest(id).orElseThrow().submissions()).isEqualTo(1);
    assertThat(transmissions.latest(id).orElseThrow().status()).isEqualTo("TRANSMITTED");
  }

  @Test
  void thePublicRegisterShowsWithoutLoginOnlyWhatIsPublished() throws Exception {
    TestRestTemplate anonymous = new TestRestTemplate();
    String base = rest.getRootUri();
    Workflow.Seed seed = flow.seedAdopted(PLACE);
    String id = seed.deliberationId();

    // Adopted, not signed: not on the public register, whatever is asked.
    assertThat(anonymous.getForEntity(base + "/registre/actes/" + id, String.class).getStatusCode().value())
        .isEqualTo(404);
    assertThat(anonymous.getForEntity(base + "/registre/actes/" + id, String.class).getBody())
        .contains("Aucun acte publié ne correspond à cette adresse.").contains("lang=\"fr\"");
    assertThat(anonymous.getForEntity(base + "/registre/actes/" + id + "/acte.pdf", String.class)
        .getStatusCode().value()).isEqualTo(404);
    assertThat(anonymous.getForObject(base + "/registre", String.class)).doesNotContain("/registre/actes/" + id + "\"");
    assertThat(new String(anonymous.getForObject(base + "/registre/deliberations.csv", byte[].class),
        StandardCharsets.UTF_8)).doesNotContain("/registre/actes/" + id + "\r\n");

    Workflow.clockAt("2022-06-17T15:00:00+02:00");
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.executeJobs();

    String number = (String) flow.get("directeur", "/api/deliberations/" + id).get("number");
    String page = anonymous.getForObject(base + "/registre/actes/" + id, String.class);
    assertThat(page).contains("<html lang=\"fr\"").contains("<h1>Délibération n° " + number + "</h1>")
        .contains("Adhésion au groupement de commandes")
        .contains("M. Christophe COULON, Président du Syndicat mixte")
        .contains("vendredi 17 juin 2022 à 15 h 00")
        .contains("Texte intégral de l'acte signé (PDF/A)")
        .contains("Une copie sur papier est remise à toute personne qui en fait la demande")
        .contains("aucun acte publié n'est retiré de ce registre");
    byte[] pdf = anonymous.getForObject(base + "/registre/actes/" + id + "/acte.pdf", byte[].class);
    assertThat(page).contains(fr.comitia.support.Pdfs.sha256(pdf));
    assertThat(fr.comitia.support.Pdfs.text(pdf)).contains("DÉLIBÉRATION " + number.replace("-", " – "));

    String list = anonymous.getForObject(base + "/registre?q=GROUPEMENT de commandes&annee=2022", String.class);
    assertThat(list).contains("/registre/actes/" + id).contains("<label for=\"q\">");
    assertThat(anonymous.getForObject(base + "/registre?numero=" + number, String.class))
        .contains("/registre/actes/" + id);
    assertThat(anonymous.getForObject(base + "/registre?annee=2021", String.class))
        .doesNotContain("/registre/actes/" + id).contains("Aucun acte publié ne correspond à cette recherche.");
    ResponseEntity<String> badYear = anonymous.getForEntity(base + "/registre?annee=22", String.class);
    assertThat(badYear.getStatusCode().value()).isEqualTo(400);
    assertThat(badYear.getBody()).contains("L&#39;année « 22 » doit s&#39;écrire sur quatre chiffres");

    // Open data: the served CSV passes the SCDL schema's validator; the JSON says the same.
    byte[] csv = anonymous.getForObject(base + "/registre/deliberations.csv", byte[].class);
    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(text).startsWith("COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,"
            + "DELIB_OBJET,BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,"
            + "VOTE_ABSTENTION,DELIB_URL\r\n")
        .contains(",20004103600019," + number + ",2022-06-16,1.4,commande publique/autres types de contrats,")
        .contains(",https://deliberations.npdc-numerique.fr/registre/actes/" + id + "\r\n");
    TableSchemaValidator.Verdict verdict = TableSchemaValidator.validate(csv, Path.of("target"));
    assertThat(verdict.exit()).as(verdict.output()).isZero();
    String json = anonymous.getForObject(base + "/registre/deliberations.json", String.class);
    assertThat(json).contains("\"DELIB_ID\":\"" + number + "\"").contains("\"VOTE_POUR\":13")
        .contains("\"COLL_SIRET\":\"20004103600019\"");
  }
}
