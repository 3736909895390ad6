package fr.comitia.document;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlTimestamp;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import fr.comitia.platform.LocalTimestampAuthority;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * PAdES-BASELINE-LT with the EU's DSS library and the local time-stamping authority (SIMULATED):
 * the signature carries its timestamp and the document its validation data; DSS's own validator says
 * so, and a certificate that expired since still verifies through the timestamp, as pdfsig agrees.
 */
class LongTermSignatureTest {

  static final Instant SIGNED = OffsetDateTime.parse("2022-06-17T15:00:00+02:00").toInstant();

  @Test
  void anExpiredCertificateStillVerifiesThroughTheSignatureTimestamp() throws Exception {
    // The president's certificate of 2022, expired on 1 January 2023; the act is signed on 17 June 2022.
    // issued by a certification authority whose revocation list of that day names no revoked certificate.
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072);
    KeyPair caPair = generator.generateKeyPair();
    KeyPair pair = generator.generateKeyPair();
    X500Name caName = new X500Name("CN=Autorite de certification d'essai, O=Essai, C=FR");
    X509Certificate ca = issue(caName, caName, caPair.getPublic(), caPair, Instant.parse("2020-01-01T00:00:00Z"),
        Instant.parse("2040-01-01T00:00:00Z"), true);
    X509Certificate expired = issue(new X500Name("CN=Christophe COULON, T=Président, O=Syndicat mixte essai, C=FR"),
        caName, pair.getPublic(), caPair, Instant.parse("2022-01-01T00:00:00Z"), Instant.parse("2023-01-01T00:00:00Z"),
        false);
    X509v2CRLBuilder crlBuilder = new X509v2CRLBuilder(caName, Date.from(SIGNED.minusSeconds(3600)));
    crlBuilder.setNextUpdate(Date.from(SIGNED.plusSeconds(30L * 24 * 3600)));
    byte[] crl = crlBuilder.build(new JcaContentSignerBuilder("SHA256withRSA").build(caPair.getPrivate())).getEncoded();
    SignatureKeys.Credentials credentials = new SignatureKeys.Credentials(pair.getPrivate(), List.of(expired, ca),
        List.of(crl));
    LocalTimestampAuthority authority = new LocalTimestampAuthority(Clock.fixed(SIGNED, ZoneOffset.UTC), null, null);
    PdfSigner signer = new PdfSigner(authority);
    byte[] pdf = new PdfRenderer().render("""
        <!DOCTYPE html><html><head><meta charset="UTF-8"/><title>Essai</title>
        <style>body { font-family: "DejaVu Serif"; }</style></head>
        <body><p>Pour extrait conforme : 13 voix pour.</p></body></html>""");

    byte[] signed = signer.sign(pdf, credentials, SIGNED.atOffset(ZoneOffset.UTC),
        new PdfSigner.Details("Christophe COULON", "Pour extrait conforme", null, null));

    assertThat(signer.level()).isEqualTo("PAdES-BASELINE-LT");
    try (PDDocument document = Loader.loadPDF(signed)) {
      assertThat(document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS")))
          .as("the document's DSS dictionary (validation data)").isNotNull();
    }

    // Validated today (the certificate expired three years ago), by DSS's own validator.
    SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(signed));
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    trusted.addCertificate(new CertificateToken(ca));
    trusted.addCertificate(new CertificateToken(authority.certificate()));
    verifier.setTrustedCertSources(trusted);
    validator.setCertificateVerifier(verifier);
    Reports reports = validator.validateDocument();
    SimpleReport simple = reports.getSimpleReport();
    String id = simple.getFirstSignatureId();

    assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.PAdES_BASELINE_LT);
    assertThat(simple.getIndication(id)).as(simple.getAdESValidationErrors(id).toString())
        .isEqualTo(Indication.TOTAL_PASSED);
    assertThat(simple.getBestSignatureTime(id).toInstant()).isEqualTo(SIGNED);
    List<XmlTimestamp> timestamps = simple.getSignatureTimestamps(id);
    assertThat(timestamps).singleElement().satisfies(t -> {
      assertThat(t.getIndication()).isEqualTo(Indication.PASSED);
      assertThat(t.getProductionTime().toInstant()).isEqualTo(SIGNED);
    });
    assertThat(Pdfs.pdfsig(signed)).contains("Signature Validation: Signature is Valid.")
        .contains("Signer Certificate Common Name: Christophe COULON");

    // One byte changed in the signed content: DSS no longer validates it.
    SignedDocumentValidator tampered = SignedDocumentValidator.fromDocument(new InMemoryDocument(Pdfs.tampered(signed)));
    tampered.setCertificateVerifier(verifier);
    SimpleReport broken = tampered.validateDocument().getSimpleReport();
    assertThat(broken.getIndication(broken.getFirstSignatureId())).isNotEqualTo(Indication.TOTAL_PASSED);
  }

  private static X509Certificate issue(X500Name subject, X500Name issuer, java.security.PublicKey key, KeyPair signer,
      Instant notBefore, Instant notAfter, boolean authority) throws Exception {
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
        BigInteger.valueOf(notBefore.getEpochSecond()), Date.from(notBefore), Date.from(notAfter), subject, key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority ? KeyUsage.keyCertSign | KeyUsage.cRLSign
        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
  }
}
