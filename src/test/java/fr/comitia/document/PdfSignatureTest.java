package fr.comitia.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.roster.Organisation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The president's certificate and the PAdES signature, without the application: the demo keystore
 * is created once with the president's subject, and a signed PDF verifies with poppler's pdfsig
 * while a copy with one byte changed does not.
 */
class PdfSignatureTest {

  static final String SUBJECT =
      "CN=Christophe COULON, T=Président, O=Syndicat mixte ouvert Nord - Pas-de-Calais Numérique, C=FR";

  @TempDir Path tmp;

  static Organisation organisation() {
    Organisation.Member coulon = new Organisation.Member("ccoulon", "M.", "Christophe", "COULON", "regionhdf",
        "christophe.coulon@elus.example.org", null);
    Organisation.Body body = new Organisation.Body("comitesyndical", "Comité syndical", "comité syndical",
        "Le Président du Syndicat mixte", "ccoulon", List.of("ccoulon"), null, null, Map.of());
    return new Organisation("smo", "Syndicat mixte ouvert « Nord – Pas-de-Calais Numérique »", "SMO", "SMO",
        "secretariat@npdc-numerique.example.org", List.of(), List.of(coulon), List.of(body), List.of(), List.of(),
        "20004103600019", "059");
  }

  SignatureKeys keys(Path file, String password, boolean create) {
    return new SignatureKeys(new SignatureProperties(file.toString(), password, "president", create,
        file.resolveSibling("members.p12").toString()), organisation(),
        Clock.system(ZoneId.of("Europe/Paris")));
  }

  @Test
  void theDemoRunCreatesASelfSignedCertificateOfThePresidentOnceAndKeepsIt() throws Exception {
    Path file = tmp.resolve("signature/president.p12");
    SignatureKeys.Credentials first = keys(file, "signature-demo", true).credentials();
    assertThat(file).exists();
    assertThat(first.subject()).isEqualTo(SUBJECT);
    assertThat(first.commonName()).isEqualTo("Christophe COULON");
    assertThat(((RSAPublicKey) first.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
    // Issued by the demo's certification authority (SIMULATED), which travels in the chain with its revocation list.
    assertThat(first.chain()).hasSize(2);
    assertThat(first.certificate().getIssuerX500Principal()).isEqualTo(first.chain().get(1).getSubjectX500Principal());
    assertThat(first.chain().get(1).getSubjectX500Principal().getName())
        .contains("Autorite de certification de demonstration SIMULEE");
    assertThat(first.crls()).hasSize(1);
    byte[] keystore = Files.readAllBytes(file);

    SignatureKeys.Credentials again = keys(file, "signature-demo", true).credentials();
    assertThat(again.certificate()).isEqualTo(first.certificate());
    assertThat(Files.readAllBytes(file)).isEqualTo(keystore);
  }

  @Test
  void aWrongPasswordOrAMissingKeystoreIsRefusedInFrench() {
    Path file = tmp.resolve("president.p12");
    keys(file, "signature-demo", true).credentials();
    assertThatThrownBy(() -> keys(file, "wrong", false).credentials())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Signature impossible : le magasin de certificats")
        .hasMessageContaining("mot de passe erroné");
    assertThatThrownBy(() -> keys(tmp.resolve("absent.p12"), "x", false).credentials())
        .hasMessageContaining("Signature impossible");
    assertThat(tmp.resolve("absent.p12")).doesNotExist();
  }

  @Test
  void aSignedPdfVerifiesWithPdfsigAndOneChangedByteBreaksIt() throws Exception {
    SignatureKeys.Credentials credentials = keys(tmp.resolve("president.p12"), "signature-demo", true).credentials();
    byte[] pdf = new PdfRenderer().render("""
        <!DOCTYPE html><html><head><meta charset="UTF-8"/><title>Essai</title>
        <style>body { font-family: "DejaVu Serif"; }</style></head>
        <body><p>Pour extrait conforme « œuvre » : 13 voix.</p></body></html>""");
    OffsetDateTime signedAt = OffsetDateTime.parse("2022-06-17T15:00:00+02:00");
    byte[] signed = new PdfSigner((fr.comitia.platform.TimestampAuthority) null).sign(pdf, credentials, signedAt,
        new PdfSigner.Details("Christophe COULON", "Pour extrait conforme", null, null));

    String verdict = Pdfs.pdfsig(signed);
    assertThat(verdict)
        .contains("Signature Validation: Signature is Valid.")
        .contains("Signer Certificate Common Name: Christophe COULON")
        .contains("Signature Type: ETSI.CAdES.detached")
        .contains("Total document signed");

    try (PDDocument document = Loader.loadPDF(signed)) {
      PDSignature signature = document.getLastSignatureDictionary();
      assertThat(signature.getFilter()).isEqualTo("Adobe.PPKLite");
      assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
      assertThat(signature.getSignDate().toInstant()).isEqualTo(signedAt.toInstant());
      // /Contents is the DER signature followed by the zeros that pad its reserved space: read the one
      // ASN.1 object (Bouncy Castle 1.87 refuses trailing bytes in a byte array).
      org.bouncycastle.asn1.cms.ContentInfo info;
      try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(
          signature.getContents(signed))) {
        info = org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject());
      }
      CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(signed)), info);
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      assertThat(signer.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
      assertThat(signer.getSignedAttributes().get(CMSAttributes.signingTime)).isNull();
    }

    String tampered = Pdfs.pdfsig(Pdfs.tampered(signed));
    assertThat(tampered).doesNotContain("Signature is Valid.");
    assertThat(tampered).contains("Signature Validation: Digest Mismatch.");
  }
}
