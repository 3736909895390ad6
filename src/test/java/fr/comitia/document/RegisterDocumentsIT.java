package fr.comitia.document;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.session.SessionVariables.AGENDA;
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

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.support.Workflow;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The register's documents of deliberation 2022-14, replayed once through the real processes with
 * the clock of June 2022: the signed extract's text (read from the PDF) carries the seed's words and
 * figures, its fonts are embedded, its PAdES signature verifies with poppler's pdfsig (and fails once
 * a byte is changed), the record shows the certificate and the signing time; the minutes, the list
 * of deliberations, the convocation and the draft as PDF.
 */
@ComitiaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegisterDocumentsIT {

  static final String SESSION_DATE = "2022-06-16T10:00:00+02:00";
  static final String PLACE = "Lille, dans les locaux du Conseil régional des Hauts-de-France";
  static final String SIGNED_AT = "2022-06-17T15:00:00+02:00";

  @Autowired DocumentStore documents;
  @Autowired DraftDocuments drafts;

  @Autowired Workflow flow;
  String id;
  String session;
  byte[] extract;

  /** Deliberation 2022-14 from draft to signed extract, session closed (as SeedReplayIT plays it). */
  @BeforeAll
  void replay2022_14() {
    Workflow.clockAt("2022-05-20T09:00:00+02:00");
    id = flow.submit(flow.resource("/seed/deliberation-2022-14.json"));
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    Workflow.clockAt("2022-06-01T09:00:00+02:00");
    session = flow.createSession("comitesyndical", SESSION_DATE, PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(id)));
    Workflow.clockAt("2022-06-10T11:00:00+02:00");
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();
    Workflow.clockAt(SESSION_DATE);
    flow.executeJobs();
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(
        "attendance", flow.resourceList("/seed/attendance-2022-06-16.json"),
        "presidingMemberId", "bmesseannegrobelny",
        "sessionSecretaryId", "cbachelet"));
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, Map.of(VOTES_FOR, 13, VOTES_AGAINST, 0,
        "abstentions", 0, "notParticipating", 0, "secretBallot", false));
    Workflow.clockAt(SIGNED_AT);
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.prefectureAcknowledges();
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    flow.executeJobs();

    ResponseEntity<byte[]> response = flow.as("directeur").getForEntity(
        "/api/deliberations/" + id + "/extract.pdf", byte[].class);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PDF)).isTrue();
    assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("extrait-2022-14-signe.pdf");
    extract = Pdfs.keep("extrait-2022-14-signe.pdf", response.getBody());
  }

  @AfterAll
  void resetClock() {
  }

  @Test
  void theSignedExtractReadsAsTheSeed() {
    String text = Pdfs.text(extract);
    assertThat(text)
        .contains("DÉLIBÉRATION 2022 – 14")
        .contains("SYNDICAT MIXTE OUVERT « NORD – PAS-DE-CALAIS NUMÉRIQUE »")
        .contains("EXTRAIT DU REGISTRE DES DELIBERATIONS DU COMITE SYNDICAL")
        .contains("Objet : Adhésion au groupement de commandes relatif à la mise en œuvre, la maintenance, "
            + "l'exploitation et l'hébergement d'un environnement numérique de travail sur le territoire régional "
            + "des Hauts-de-France")
        .contains("Le seize juin deux mille vingt-deux, le comité syndical du Syndicat mixte ouvert Nord – "
            + "Pas-de-Calais Numérique s'est réuni à Lille, dans les locaux du Conseil régional des "
            + "Hauts-de-France, sur convocation en date du dix juin deux mille vingt-deux, sous la présidence de "
            + "Mme Bénédicte MESSEANNE-GROBELNY.")
        .contains("Collectivité Membre Présents Absents Excusés Pouvoir à")
        .contains("Mme Valérie BIEGALSKI ⊠ □ □")
        .contains("M. Arnaud DECAGNY □ □ ⊠ Mme BIEGALSKI")
        .contains("M. Yvan HUTCHINSON □ □ ⊠ M. BARTHOLOMEUS")
        .contains("Collège ENT Mme Sophie WAROT-LEMAIRE □ □ ⊠")
        .contains("M. Jean-Louis DAUCHY □ □ ⊠ 7 0 15 6")
        .contains("Le quorum étant atteint, le comité syndical peut valablement délibérer.")
        .contains("Préambule L'impact croissant du numérique sur la société et l'économie")
        .contains("Le comité syndical, Vu la loi n°2013-595 du 8 juillet 2013")
        .contains("Vu le code de la commande publique, et notamment les articles L2113-6 à L2113-8,")
        .contains("Après avoir entendu le rapporteur, Sur proposition du Président,")
        .contains("Article 1 : DECIDE de l'adhésion du SMO Nord Pas-de-Calais Numérique")
        .contains("Article 2 : AUTORISE Monsieur le Président à notifier")
        .contains("Article 3 : S'ENGAGE")
        .contains("Adopté par :")
        .contains("Voix pour : 13").contains("Voix contre : 0").contains("Abstentions : 0")
        .contains("Suffrages exprimés : 13")
        .contains("Pour extrait conforme : Le Président du Syndicat mixte, M. Christophe COULON")
        .contains("Signé le 17 juin 2022")
        .contains("Annexe : Projet de convention de groupement de commandes ENT");
    assertThat(text.indexOf("Voix pour : 13")).isLessThan(text.indexOf("Suffrages exprimés : 13"));
    assertThat(text.indexOf("Pour extrait conforme")).isGreaterThan(text.indexOf("Suffrages exprimés : 13"));
  }

  @Test
  void theClosingSheetListsTheItemsNumbersAndThePresentMembersWithRoomForTheirSignatures() {
    String sheet = Pdfs.text(Pdfs.keep("feuillet-cloture.pdf", get("/api/sessions/" + session + "/closing-sheet.pdf")));
    assertThat(sheet).contains("FEUILLET DE CLÔTURE DE LA SÉANCE DU COMITÉ SYNDICAL")
        .contains("Séance du jeudi seize juin deux mille vingt-deux")
        .contains("1 2022-14 Adhésion au groupement de commandes")
        .contains("Membre présent Signature")
        .contains("Mme Valérie BIEGALSKI").contains("M. Grégory BARTHOLOMEUS").contains("M. Luc MONNET")
        .contains("Le Président du Syndicat mixte,").doesNotContain("M. Arnaud DECAGNY");
  }

  @Test
  void theYearlyTablesListTheNumberedActsByDateAndByMatiere() {
    String tables = Pdfs.text(Pdfs.keep("tables-2022.pdf", get("/api/bodies/comitesyndical/register/2022/tables.pdf")));
    assertThat(tables).contains("TABLES DU REGISTRE DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL — 2022")
        .contains("Table chronologique").contains("2022-14 16 juin 2022 Adhésion au groupement de commandes")
        .contains("Table par matière").contains("1.4 — Commande publique / Autres types de contrats");
    assertThat(Pdfs.text(get("/api/bodies/comitesyndical/register/2021/tables.pdf")))
        .contains("Aucune délibération numérotée cette année.");
    assertThat(refusal("/api/bodies/nobody/register/2022/tables.pdf").get("message"))
        .isEqualTo("Assemblée « nobody » introuvable.");
    ResponseEntity<String> badYear = flow.as("directeur")
        .getForEntity("/api/bodies/comitesyndical/register/22/tables.pdf", String.class);
    assertThat(badYear.getStatusCode().value()).isEqualTo(400);
    assertThat(badYear.getBody()).contains("L'année « 22 » doit s'écrire sur quatre chiffres");
  }

  @Test
  void noDocumentHasABlankPage() {
    Map<String, byte[]> documents = new java.util.LinkedHashMap<>();
    documents.put("extrait", extract);
    documents.put("procès-verbal", get("/api/sessions/" + session + "/minutes.pdf"));
    documents.put("liste des délibérations", get("/api/sessions/" + session + "/deliberations.pdf"));
    documents.put("convocation", get("/api/sessions/" + session + "/convocation.pdf"));
    documents.put("feuillet de clôture", get("/api/sessions/" + session + "/closing-sheet.pdf"));
    documents.forEach((name, pdf) -> {
      List<String> pages = Pdfs.pages(pdf);
      for (int i = 0; i < pages.size(); i++) {
        // Beyond the running footer (« Page n / N »), every page says something.
        String body = pages.get(i).replaceAll("Page \\d+ / \\d+", "").strip();
        assertThat(body.length()).as("%s, page %d of %d: « %s »", name, i + 1, pages.size(), body)
            .isGreaterThan(40);
      }
    });
  }

  @Test
  void everyFontOfTheDocumentsIsEmbedded() {
    for (byte[] pdf : List.of(extract, get("/api/sessions/" + session + "/minutes.pdf"),
        get("/api/sessions/" + session + "/convocation.pdf"))) {
      List<PDFont> fonts = Pdfs.fonts(pdf);
      assertThat(fonts).isNotEmpty();
      assertThat(fonts).allSatisfy(font -> {
        assertThat(font.isEmbedded()).as(font.getName()).isTrue();
        assertThat(font.getName()).contains("DejaVuSerif");
      });
    }
  }

  @Test
  void theSignatureVerifiesWithPdfsigAndAChangedByteFailsIt() {
    String verdict = Pdfs.pdfsig(extract);
    assertThat(verdict)
        .contains("Signature Validation: Signature is Valid.")
        .contains("Signer Certificate Common Name: Christophe COULON")
        .contains("Signature Type: ETSI.CAdES.detached");
    // PAdES-BASELINE-LT: the signed revision, then one incremental update that adds only the validation data
    // (the DSS dictionary: certificates, revocation lists), as the standard has it.
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(extract)) {
      int[] range = document.getLastSignatureDictionary().getByteRange();
      int signedEnd = range[2] + range[3];
      String after = new String(extract, signedEnd, extract.length - signedEnd,
          java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(after).contains("/DSS").contains("/Certs").contains("/CRLs").doesNotContain("/ByteRange");
      assertThat(document.getSignatureDictionaries()).hasSize(1);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String tampered = Pdfs.pdfsig(Pdfs.tampered(extract));
    assertThat(tampered).doesNotContain("Signature is Valid.").contains("Digest Mismatch");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRecordShowsTheCertificateSubjectAndTheSigningTime() {
    Map<String, Object> signature = (Map<String, Object>) flow.get("directeur", "/api/deliberations/" + id)
        .get("signature");
    assertThat(signature).containsEntry("signedBy", "ccoulon")
        .containsEntry("signerSubject", PdfSignatureTest.SUBJECT);
    assertThat(OffsetDateTime.parse((String) signature.get("signedAt")).toInstant())
        .isEqualTo(OffsetDateTime.parse(SIGNED_AT).toInstant());

    DocumentStore.Document signed = documents.latest("DELIBERATION", id, SignedExtracts.KIND).orElseThrow();
    assertThat(signed.fileName()).isEqualTo("extrait-2022-14-signe.pdf");
    assertThat(signed.mediaType()).isEqualTo("application/pdf");
    assertThat(signed.content()).isEqualTo(extract);
    assertThat(signed.signerSubject()).isEqualTo(PdfSignatureTest.SUBJECT);
    assertThat(signed.signedAt().toInstant()).isEqualTo(OffsetDateTime.parse(SIGNED_AT).toInstant());
    assertThat(Pdfs.pdfsig(extract)).contains("Signing Time: Jun 17 2022");

    String html = flow.as("directeur").getForObject("/api/deliberations/" + id + "/extract.html", String.class);
    assertThat(html).contains("Signature électronique (PAdES) : " + PdfSignatureTest.SUBJECT);
  }

  @Test
  void theMinutesAndTheListOfDeliberationsAreProducedWhenTheSessionCloses() {
    String minutes = Pdfs.text(Pdfs.keep("proces-verbal.pdf", get("/api/sessions/" + session + "/minutes.pdf")));
    assertThat(minutes)
        .contains("PROCÈS-VERBAL DE LA SÉANCE DU COMITÉ SYNDICAL")
        .contains("Séance du jeudi seize juin deux mille vingt-deux")
        .contains("Le seize juin deux mille vingt-deux, à 10 h 00, le comité syndical du Syndicat mixte ouvert "
            + "Nord – Pas-de-Calais Numérique s'est réuni à Lille, dans les locaux du Conseil régional des "
            + "Hauts-de-France, sur convocation en date du dix juin deux mille vingt-deux, sous la présidence de "
            + "Mme Bénédicte MESSEANNE-GROBELNY.")
        .contains("Secrétaire de séance : M. Claude BACHELET.")
        .contains("Membres en exercice : 22 ; présents : 7 ; représentés : 6 ; excusés : 9 ; absents : 0.")
        .contains("Présents (7) : Mme Valérie BIEGALSKI, M. Grégory BARTHOLOMEUS, M. Luc MONNET")
        .contains("Représentés (6) : M. Arnaud DECAGNY, pouvoir à Mme BIEGALSKI ; M. Yvan HUTCHINSON, pouvoir à "
            + "M. BARTHOLOMEUS")
        .contains("Excusés (9) :")
        .contains("Le quorum étant atteint, le comité syndical peut valablement délibérer.")
        .contains("13 présents ou représentés sur 22 membres en exercice, 12 requis")
        .contains("1. Délibération n° 2022-14 — Objet : Adhésion au groupement de commandes")
        .contains("Résultat : Adoptée — voix pour : 13 ; voix contre : 0 ; abstentions : 0 ; suffrages exprimés : 13.")
        .contains("Le Président du Syndicat mixte,").contains("Le secrétaire de séance,");

    String list = Pdfs.text(get("/api/sessions/" + session + "/deliberations.pdf"));
    assertThat(list)
        .contains("LISTE DES DÉLIBÉRATIONS DE LA SÉANCE DU COMITÉ SYNDICAL")
        .contains("N° Objet Résultat Pour Contre Abstentions")
        .contains("2022-14 Adhésion au groupement de commandes")
        .contains("Adoptée 13 0 0");
    DocumentStore.Document stored = documents.latest("SESSION", session, MinutesService.MINUTES).orElseThrow();
    assertThat(stored.mediaType()).isEqualTo("application/pdf");
    assertThat(stored.fileName()).isEqualTo("proces-verbal-" + session + ".pdf");
  }

  @Test
  void theConvocationAndTheDraftAreDocumentsOfTheirOwn() {
    String convocation = Pdfs.text(Pdfs.keep("convocation.pdf", get("/api/sessions/" + session + "/convocation.pdf")));
    assertThat(convocation)
        .contains("CONVOCATION DU COMITÉ SYNDICAL")
        .contains("J'ai l'honneur de vous convoquer à la séance du comité syndical du Syndicat mixte ouvert Nord – "
            + "Pas-de-Calais Numérique qui se tiendra le jeudi seize juin deux mille vingt-deux à 10 h 00, à Lille, "
            + "dans les locaux du Conseil régional des Hauts-de-France.")
        .contains("Ordre du jour 1. Adhésion au groupement de commandes relatif à la mise en œuvre")
        .contains("Fait le dix juin deux mille vingt-deux. Le Président du Syndicat mixte, M. Christophe COULON")
        .doesNotContain("urgence").doesNotContain("sans condition de quorum");

    String draft = Pdfs.text(Pdfs.keep("projet.pdf", drafts.draftPdf(id)));
    assertThat(draft)
        .contains("PROJET DE DÉLIBÉRATION")
        .contains("Objet : Adhésion au groupement de commandes")
        .contains("Préambule L'impact croissant du numérique")
        .contains("Vu les statuts du Syndicat,")
        .contains("Article 1 : DECIDE de l'adhésion")
        .contains("Annexe : Projet de convention de groupement de commandes ENT")
        .doesNotContain("Adopté par");
    assertThat(Pdfs.text(get("/api/deliberations/" + id + "/draft.pdf"))).contains("PROJET DE DÉLIBÉRATION");
  }

  @Test
  void aMissingDocumentIsA404WithAFrenchMessage() {
    assertThat(refusal("/api/deliberations/D999999/extract.pdf"))
        .containsEntry("status", 404).containsEntry("message", "Délibération « D999999 » introuvable.");
    assertThat(refusal("/api/sessions/S999999/minutes.pdf"))
        .containsEntry("message", "Séance « S999999 » introuvable.");
    assertThat(refusal("/api/sessions/S999999/convocation.pdf"))
        .containsEntry("message", "Séance « S999999 » introuvable.");
    String open = flow.createSession("comitesyndical", "2022-09-15T10:00:00+02:00", PLACE);
    assertThat((String) refusal("/api/sessions/" + open + "/minutes.pdf").get("message"))
        .startsWith("Procès-verbal introuvable");
    assertThat((String) refusal("/api/sessions/" + open + "/deliberations.pdf").get("message"))
        .startsWith("Liste des délibérations introuvable");
  }

  private byte[] get(String path) {
    ResponseEntity<byte[]> response = flow.as("directeur").getForEntity(path, byte[].class);
    assertThat(response.getStatusCode().value()).as(path).isEqualTo(200);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PDF)).isTrue();
    return response.getBody();
  }

  private Map<String, Object> refusal(String path) {
    ResponseEntity<Map<String, Object>> response = flow.as("directeur").exchange(path, HttpMethod.GET, null,
        new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).as(path).isEqualTo(404);
    return response.getBody();
  }
}
