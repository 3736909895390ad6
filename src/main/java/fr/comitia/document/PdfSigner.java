package fr.comitia.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.GregorianCalendar;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.springframework.stereotype.Component;

/**
 * Signs a PDF the PAdES way (baseline B-B): a signature dictionary {@code Adobe.PPKLite} /
 * {@code ETSI.CAdES.detached} added by an incremental update (the PDF/A content is left as it
 * was), holding a detached CMS SignedData made with Bouncy Castle, with the signing-certificate-v2
 * attribute and without the CMS signing-time attribute (PAdES puts the claimed signing time in the
 * dictionary's /M entry).
 */
@Component
public class PdfSigner {

  /** The baseline its signatures reach (ETSI EN 319 142-1). */
  public static final String LEVEL = "PAdES-BASELINE-B";

  /** What the signature dictionary says of the signature. */
  public record Details(String name, String reason, String location, String contactInfo) {}

  public byte[] sign(byte[] pdf, SignatureKeys.Credentials credentials, OffsetDateTime signingTime, Details details) {
    try (PDDocument document = Loader.loadPDF(pdf);
        SignatureOptions options = new SignatureOptions()) {
      PDSignature signature = new PDSignature();
      signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
      signature.setName(details.name());
      signature.setReason(details.reason());
      signature.setLocation(details.location());
      signature.setContactInfo(details.contactInfo());
      signature.setSignDate(GregorianCalendar.from(signingTime.toZonedDateTime()));
      options.setPreferredSignatureSize(SignatureOptions.DEFAULT_SIGNATURE_SIZE * 2);
      document.addSignature(signature, content -> cms(content, credentials), options);
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 40_000);
      document.saveIncremental(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Signature du PDF impossible", e);
    }
  }

  /** The detached CMS SignedData over the byte ranges PDFBox gives. */
  static byte[] cms(InputStream content, SignatureKeys.Credentials credentials) throws IOException {
    try {
      X509Certificate certificate = credentials.certificate();
      String algorithm = "SHA256with" + ("EC".equals(credentials.key().getAlgorithm()) ? "ECDSA" : "RSA");
      ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(credentials.key());
      JcaSignerInfoGeneratorBuilder info = new JcaSignerInfoGeneratorBuilder(
          new JcaDigestCalculatorProviderBuilder().build());
      info.setSignedAttributeGenerator(new PadesSignedAttributes(certificate));
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(info.build(signer, certificate));
      generator.addCertificates(new JcaCertStore(credentials.chain()));
      CMSSignedData signed = generator.generate(new CMSProcessableByteArray(content.readAllBytes()), false);
      return signed.getEncoded("DER");
    } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
      throw new IOException("Signature CMS impossible : " + e.getMessage(), e);
    }
  }

  /** Content type, message digest, algorithm protection, signing-certificate-v2; no signing-time. */
  private static final class PadesSignedAttributes implements CMSAttributeTableGenerator {
    private final DefaultSignedAttributeTableGenerator defaults;

    PadesSignedAttributes(X509Certificate certificate) throws GeneralSecurityException {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      IssuerSerial issuerSerial = new IssuerSerial(
          new GeneralNames(new GeneralName(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()))),
          certificate.getSerialNumber());
      Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
          new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(hash, issuerSerial)})));
      this.defaults = new DefaultSignedAttributeTableGenerator(new AttributeTable(signingCertificate));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public AttributeTable getAttributes(Map parameters) {
      return defaults.getAttributes(parameters).remove(CMSAttributes.signingTime);
    }
  }
}
