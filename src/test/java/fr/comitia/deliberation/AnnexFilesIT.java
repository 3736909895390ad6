package fr.comitia.deliberation;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;
import static fr.comitia.session.SessionVariables.URGENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Pdfs;
import fr.comitia.support.Workflow;
import jakarta.mail.internet.MimeMessage;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Annex files (PDF) of a draft: joined and removed while it is written or reviewed, kept in the
 * register with their SHA-256, sent with the convocation and the notification, frozen with the act.
 */
@ComitiaTest
@TestPropertySource(properties = "comitia.annexes.max-size=64KB")
class AnnexFilesIT {

  @Autowired Workflow flow;
  @Autowired GreenMail smtp;
  @Autowired JdbcClient jdbc;

  @Test
  @SuppressWarnings("unchecked")
  void aJoinedPdfIsInTheRecordWithItsFingerprintAndGoesWithTheConvocation() throws Exception {
    Workflow.clockAt("2030-03-02T09:00:00+01:00");
    String id = flow.submit(draft("Convention avec le collège Jean-Macé"));
    byte[] pdf = pdf("Convention constitutive du groupement");

    ResponseEntity<Map<String, Object>> joined = join("redacteur", id, pdf, "convention.pdf",
        "Convention constitutive du groupement");
    assertThat(joined.getStatusCode().value()).as(String.valueOf(joined.getBody())).isEqualTo(201);
    assertThat(joined.getBody()).containsEntry("title", "Convention constitutive du groupement")
        .containsEntry("sha256", sha256(pdf)).containsEntry("size", pdf.length);
    Number annexId = (Number) joined.getBody().get("id");

    List<Map<String, Object>> files = (List<Map<String, Object>>) flow.get("directeur", "/api/deliberations/" + id)
        .get("annexFiles");
    assertThat(files).singleElement().satisfies(f -> assertThat(f).containsEntry("sha256", sha256(pdf))
        .containsEntry("title", "Convention constitutive du groupement"));
    ResponseEntity<byte[]> content = flow.as("directeur").getForEntity(
        "/api/deliberations/" + id + "/annexes/" + annexId, byte[].class);
    assertThat(content.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PDF)).isTrue();
    assertThat(content.getHeaders().getFirst("X-Content-SHA256")).isEqualTo(sha256(pdf));
    assertThat(content.getBody()).isEqualTo(pdf);

    // The director may join one too while reviewing; validated, the draft's annexes change no more.
    byte[] second = pdf("Plan de financement");
    assertThat(join("directeur", id, second, "financement.pdf", "Plan de financement").getStatusCode().value())
        .isEqualTo(201);
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    ResponseEntity<Map<String, Object>> late = join("redacteur", id, pdf("Tardive"), "tardive.pdf", "Tardive");
    assertThat(late.getStatusCode().value()).isEqualTo(400);
    assertThat((String) late.getBody().get("message")).isEqualTo("Les annexes de la délibération « " + id
        + " » ne changent plus : elle n'est plus en rédaction ni en relecture (statut : Validée, en attente d'une séance).");

    // Each member's convocation carries the draft and its annex files.
    String session = flow.createSession("bureau", "2030-03-19T18:00:00+01:00", "Lille");
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(id)));
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();
    MimeMessage convocation = Mails.received(smtp, "luc.monnet@elus.example.org", "19 mars 2030").get(0);
    assertThat(Mails.fileNames(convocation)).contains("projet-1-" + id + ".pdf",
        "projet-1-annexe-1-convention.pdf", "projet-1-annexe-2-financement.pdf");
    assertThat(Mails.attachment(convocation, "projet-1-annexe-1-convention.pdf")).isEqualTo(pdf);
  }

  @Test
  void whatIsNotAReadablePdfWithATitleIsRefusedInFrenchAndNothingIsKept() throws Exception {
    Workflow.clockAt("2030-04-01T09:00:00+02:00");
    String id = flow.submit(draft("Règlement intérieur du comité"));
    byte[] pdf = pdf("Règlement intérieur");

    assertRefused(join("redacteur", id, "Ceci n'est pas un PDF.".getBytes(), "note.pdf", "Note"), 400,
        "Le fichier « note.pdf » n'est pas un PDF lisible : une annexe est un document PDF, sans mot de passe.");
    assertRefused(join("redacteur", id, ("%PDF-1.7\n" + "x".repeat(2_000)).getBytes(), "abîmé.pdf", "Abîmé"), 400,
        "Le fichier « abîmé.pdf » n'est pas un PDF lisible");
    byte[] heavy = new byte[70 * 1024];
    System.arraycopy("%PDF-1.7\n".getBytes(), 0, heavy, 0, 9);
    assertRefused(join("redacteur", id, heavy, "lourd.pdf", "Lourd"), 400,
        "Le fichier « lourd.pdf » pèse 70 Ko : une annexe pèse au plus 64 Ko.");
    assertRefused(join("redacteur", id, pdf, "reglement.pdf", "  "), 400, "Le titre de l'annexe est obligatoire");
    assertRefused(join("redacteur", id, pdf, "reglement.pdf", "Titre\u0000"), 400, "caractère de contrôle interdit");
    assertRefused(join("lmonnet", id, pdf, "reglement.pdf", "Règlement"), 403,
        "Accès refusé : les annexes d'un projet sont jointes par la rédaction ou la direction.");
    assertRefused(join("redacteur", "D999999", pdf, "reglement.pdf", "Règlement"), 404, "introuvable");
    ResponseEntity<Map<String, Object>> noFile = flow.as("redacteur").exchange("/api/deliberations/" + id
        + "/annexes", HttpMethod.POST, multipart(null, null, "Règlement"), (Class<Map<String, Object>>) (Class<?>) Map.class);
    assertRefused(noFile, 400, "Joignez le fichier PDF de l'annexe");
    assertThat(count(id)).isZero();

    // The same file twice is one annex; a removed one can come back.
    Number annexId = (Number) join("redacteur", id, pdf, "reglement.pdf", "Règlement").getBody().get("id");
    assertRefused(join("redacteur", id, pdf, "copie.pdf", "Copie"), 400,
        "Ce fichier est déjà joint au projet (annexe « Règlement »).");
    assertThat(count(id)).isEqualTo(1);
    assertThat(flow.as("lmonnet").exchange("/api/deliberations/" + id + "/annexes/" + annexId, HttpMethod.DELETE,
        null, String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(flow.as("redacteur").exchange("/api/deliberations/" + id + "/annexes/" + annexId, HttpMethod.DELETE,
        null, String.class).getStatusCode().value()).isEqualTo(204);
    assertThat(count(id)).isZero();
    assertThat(flow.as("redacteur").exchange("/api/deliberations/" + id + "/annexes/" + annexId, HttpMethod.DELETE,
        null, String.class).getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void theAnnexFilesOfAnAdoptedActReachThePartnerAndChangeNoMore() throws Exception {
    byte[] convention = pdf("Convention constitutive du groupement de commandes ENT");
    Workflow.Seed seed = flow.seedAdopted("Lille", id -> assertThat(join("redacteur", id, convention,
        "convention-constitutive.pdf", "Convention constitutive du groupement").getStatusCode().value()).isEqualTo(201));
    String id = seed.deliberationId();
    // The fingerprint of the voted act covers its annex files: the president signs it as voted.
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.prefectureAcknowledges();
    MimeMessage notification = Mails.received(smtp, "groupement-ent@region-hdf.example.org",
        "Notification de la délibération n° 2022-14").get(0);
    assertThat(Mails.fileNames(notification)).contains("annexe-1-convention-constitutive.pdf");
    assertThat(Mails.attachment(notification, "annexe-1-convention-constitutive.pdf")).isEqualTo(convention);

    assertThatThrownBy(() -> jdbc.sql("delete from comitia.annex_file where deliberation_id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("ses annexes ne changent plus");
    assertThatThrownBy(() -> jdbc.sql("update comitia.annex_file set content = '\\x00' where deliberation_id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class);
  }

  // --- Helpers ------------------------------------------------------------------------------------------

  static Map<String, Object> draft(String object) {
    return Map.of("bodyId", "bureau", "object", object, "matiere", "5.2",
        "articles", List.of(Map.of("verb", "APPROUVE", "text", "la convention annexée.")));
  }

  ResponseEntity<Map<String, Object>> join(String user, String id, byte[] content, String fileName, String title) {
    return flow.joinAnnex(user, id, content, fileName, title);
  }

  static HttpEntity<LinkedMultiValueMap<String, Object>> multipart(byte[] content, String fileName, String title) {
    return Workflow.multipart(content, fileName, title);
  }

  static void assertRefused(ResponseEntity<Map<String, Object>> response, int status, String french) {
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
    assertThat((String) response.getBody().get("message")).contains(french);
  }

  long count(String id) {
    return jdbc.sql("select count(*) from comitia.annex_file where deliberation_id = :id").param("id", id)
        .query(Long.class).single();
  }

  static byte[] pdf(String text) {
    return Pdfs.onePage(text);
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
