package fr.comitia.legality;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.support.Pdfs;
import fr.comitia.support.Workflow;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The legality report of the replayed 2022-14: every rule met, with the seed's figures (5 clear days
 * from 10 to 16 June 2022, the statuts' quorum 13 of 22 with 12 required, six proxies, 13/0/0), each
 * pointing to the journal entry that proves it; as JSON, as a PDF/A, from the act's record page.
 */
@ComitiaTest
@TestPropertySource(properties = "comitia.demo.replay-seed=true")
class LegalityReportIT {

  @Autowired Workflow flow;

  @Test
  @SuppressWarnings("unchecked")
  void theSeedsReportShowsEveryRuleMetWithItsFiguresAndItsProof() {
    String id = deliberationId();
    Map<String, Object> report = flow.get("directeur", "/api/deliberations/" + id + "/legality-report");
    assertThat(report).containsEntry("number", "2022-14").containsEntry("allMet", true);
    Map<String, Map<String, Object>> checks = ((List<Map<String, Object>>) report.get("checks")).stream()
        .collect(Collectors.toMap(c -> (String) c.get("code"), c -> c, (a, b) -> a, java.util.LinkedHashMap::new));
    assertThat(checks.keySet()).containsExactly("CONVOCATION_DELAY", "CONVOCATION_SENT", "QUORUM", "PROXIES",
        "INTERESTED", "VOTE", "NUMBERING", "SIGNATURE", "TRANSMISSION", "PUBLICATION", "ENFORCEABILITY", "NOTIFICATION");
    assertThat(checks.get("CONVOCATION_DELAY")).containsEntry("met", true).containsEntry("figures",
        "Convocation du vendredi 10 juin 2022 pour la séance du jeudi 16 juin 2022 : 5 jours francs (requis : 5).");
    assertThat(checks.get("CONVOCATION_SENT")).containsEntry("met", true).containsEntry("figures",
        "22 convocations acceptées par le serveur SMTP pour 22 membres en exercice (vendredi 10 juin 2022).");
    assertThat(checks.get("QUORUM")).containsEntry("met", true)
        .containsEntry("figures", "13 sur 22 membres en exercice (7 présents, 6 représentés), 12 requis.");
    assertThat((String) checks.get("QUORUM").get("article")).startsWith("CGCT, art. L2121-17 ; règle du jour : ")
        .containsIgnoringCase("statuts");
    assertThat(checks.get("PROXIES")).containsEntry("met", true);
    assertThat((String) checks.get("PROXIES").get("figures")).startsWith("6 pouvoirs à 6 mandataires, au plus 1 par "
        + "mandataire");
    assertThat(checks.get("VOTE")).containsEntry("met", true).containsEntry("figures",
        "13 votants : 13 pour, 0 contre, 0 abstention ; 13 suffrages exprimés ; adoptée.");
    assertThat(checks.get("INTERESTED")).containsEntry("met", null);
    assertThat(checks.get("NUMBERING")).containsEntry("met", true);
    assertThat((String) checks.get("SIGNATURE").get("figures")).contains("niveau PAdES-BASELINE-LT")
        .contains("extrait-2022-14-signe.pdf");
    assertThat((String) checks.get("TRANSMISSION").get("figures"))
        .contains("identifiant ACTES 059-200041036-20220616-2022_14-DE");
    assertThat((String) checks.get("PUBLICATION").get("figures")).endsWith(", celui de l'acte signé.");
    assertThat((String) checks.get("ENFORCEABILITY").get("figures"))
        .isEqualTo("Exécutoire depuis le vendredi 17 juin 2022 à 15 h 02, après sa transmission et sa publication.");
    assertThat(checks.get("NOTIFICATION")).containsEntry("met", true);

    // Each proof is the journal's entry of the right kind.
    List<Map<String, Object>> journal = flow.as("directeur").getForObject("/api/journal?nombre=1000", List.class);
    Map<Integer, String> kinds = journal.stream().collect(Collectors.toMap(e -> (Integer) e.get("seq"),
        e -> (String) e.get("kind")));
    assertThat(kinds.get((Integer) checks.get("CONVOCATION_DELAY").get("journalSeq"))).isEqualTo("CONVOCATION_SIGNED");
    assertThat(kinds.get((Integer) checks.get("CONVOCATION_SENT").get("journalSeq"))).isEqualTo("MAIL_ACCEPTED");
    assertThat(kinds.get((Integer) checks.get("QUORUM").get("journalSeq"))).isEqualTo("ROLL_CALL_RECORDED");
    assertThat(kinds.get((Integer) checks.get("VOTE").get("journalSeq"))).isEqualTo("VOTE_RECORDED");
    assertThat(kinds.get((Integer) checks.get("SIGNATURE").get("journalSeq"))).isEqualTo("ACT_SIGNED");
    assertThat(kinds.get((Integer) checks.get("TRANSMISSION").get("journalSeq"))).isEqualTo("ACT_ACKNOWLEDGED");
    assertThat(kinds.get((Integer) checks.get("PUBLICATION").get("journalSeq"))).isEqualTo("ACT_PUBLISHED");
    assertThat(kinds.get((Integer) checks.get("NOTIFICATION").get("journalSeq"))).isEqualTo("NOTIFICATION_ACKNOWLEDGED");
    assertThat(kinds.get((Integer) checks.get("NUMBERING").get("journalSeq"))).isEqualTo("VOTE_RECORDED");
    assertThat(kinds.get((Integer) checks.get("ENFORCEABILITY").get("journalSeq")))
        .isIn("ACT_ACKNOWLEDGED", "ACT_PUBLISHED");
    // Every rule that applies points to its proof.
    assertThat(checks.values()).filteredOn(c -> c.get("met") != null)
        .allSatisfy(c -> assertThat(c.get("journalSeq")).as((String) c.get("code")).isNotNull());

    ResponseEntity<byte[]> pdf = flow.as("secretariat").getForEntity("/api/deliberations/" + id
        + "/legality-report.pdf", byte[].class);
    assertThat(pdf.getHeaders().getContentDisposition().getFilename()).isEqualTo("rapport-legalite-2022-14.pdf");
    String text = Pdfs.normalize(Pdfs.text(pdf.getBody()));
    assertThat(text).contains("RAPPORT DE LÉGALITÉ — DÉLIBÉRATION 2022-14")
        .contains("Toutes les règles applicables sont respectées.").contains("5 jours francs (requis : 5)")
        .contains("12 requis");
    assertThat(flow.as("directeur").getForObject("/api/registre/deliberations/" + id, String.class))
        .contains("/api/deliberations/" + id + "/legality-report.pdf");
    assertThat(flow.as("directeur").getForEntity("/api/deliberations/" + id, String.class).getHeaders()
        .getFirst("Link")).contains("</api/deliberations/" + id + "/legality-report>; rel=\"legality-report\"");
  }

  /** The seed's signed extract, as the demo signed it, checked by DSS's own validator and by pdfsig. */
  @Test
  void theSeedsSignedExtractIsALongTermSignatureThatDssValidates() throws Exception {
    String id = deliberationId();
    byte[] extract = flow.as("directeur").getForObject("/api/deliberations/" + id + "/extract.pdf", byte[].class);
    eu.europa.esig.dss.validation.SignedDocumentValidator validator = eu.europa.esig.dss.validation
        .SignedDocumentValidator.fromDocument(new eu.europa.esig.dss.model.InMemoryDocument(extract));
    eu.europa.esig.dss.spi.validation.CommonCertificateVerifier verifier =
        new eu.europa.esig.dss.spi.validation.CommonCertificateVerifier();
    eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource trusted =
        new eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource();
    java.util.List<java.security.cert.X509Certificate> chain = keys.credentials().chain();
    trusted.addCertificate(new eu.europa.esig.dss.model.x509.CertificateToken(chain.get(chain.size() - 1)));
    trusted.addCertificate(new eu.europa.esig.dss.model.x509.CertificateToken(
        ((fr.comitia.platform.LocalTimestampAuthority) authority).certificate()));
    verifier.setTrustedCertSources(trusted);
    validator.setCertificateVerifier(verifier);
    eu.europa.esig.dss.simplereport.SimpleReport report = validator.validateDocument().getSimpleReport();
    String signature = report.getFirstSignatureId();

    assertThat(report.getSignatureFormat(signature)).isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel
        .PAdES_BASELINE_LT);
    assertThat(report.getIndication(signature)).as(report.getAdESValidationErrors(signature).toString())
        .isEqualTo(eu.europa.esig.dss.enumerations.Indication.TOTAL_PASSED);
    // Signed on 17 June 2022 at the demo's clock, and time-stamped then by the local authority.
    assertThat(report.getBestSignatureTime(signature).toInstant().toString()).startsWith("2022-06-17");
    assertThat(fr.comitia.document.Pdfs.pdfsig(extract)).contains("Signature Validation: Signature is Valid.");
  }

  @Autowired fr.comitia.document.SignatureKeys keys;
  @Autowired fr.comitia.platform.TimestampAuthority authority;

  @Test
  void onlyTheDirectionAndTheSecretariatReadIt() {
    String id = deliberationId();
    assertThat(flow.as("lmonnet").getForEntity("/api/deliberations/" + id + "/legality-report", String.class)
        .getStatusCode().value()).isEqualTo(403);
    assertThat(flow.as("directeur").getForEntity("/api/deliberations/D999999/legality-report", Map.class).getBody())
        .containsEntry("message", "Délibération « D999999 » introuvable.");
  }

  @SuppressWarnings("unchecked")
  private String deliberationId() {
    List<Object> register = flow.as("directeur").getForObject("/api/deliberations", List.class);
    return (String) ((Map<String, Object>) register.get(0)).get("id");
  }
}
