package fr.comitia.document;

import eu.europa.esig.dss.alert.LogOnStatusAlert;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.TimestampBinary;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.client.http.NativeHTTPDataLoader;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import fr.comitia.platform.LocalTimestampAuthority;
import fr.comitia.platform.TimestampAuthority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signs a PDF the PAdES way with the EU's DSS library: PAdES-BASELINE-LT when a time-stamping
 * authority is configured (a signature timestamp RFC 3161 in the CMS, then the certificates and the
 * revocation data that validate it in the document's DSS dictionary, by incremental updates: the
 * PDF/A content is left as it was), PAdES-BASELINE-B otherwise. The signing certificate's chain ends
 * in a trust anchor (the demo's self-signed certificate, the organisation's CA), like the local
 * authority's certificate; revocation data of a real chain is fetched online (CRL, OCSP, issuers by AIA).
 */
@Component
public class PdfSigner {

  /** The baselines its signatures reach (ETSI EN 319 142-1). */
  public static final String LEVEL_B = "PAdES-BASELINE-B";
  public static final String LEVEL_LT = "PAdES-BASELINE-LT";

  /** What the signature dictionary says of the signature. */
  public record Details(String name, String reason, String location, String contactInfo) {}

  private final TimestampAuthority authority;

  @Autowired
  PdfSigner(ObjectProvider<TimestampAuthority> authority) {
    this(authority.getIfAvailable());
  }

  /** A signer stamping with {@code authority} (LT), or without timestamp (B) when null. */
  public PdfSigner(TimestampAuthority authority) {
    this.authority = authority;
  }

  /** The level of this signer's signatures: LT with a time-stamping authority, B without. */
  public String level() {
    return authority == null ? LEVEL_B : LEVEL_LT;
  }

  public byte[] sign(byte[] pdf, SignatureKeys.Credentials credentials, OffsetDateTime signingTime, Details details) {
    try {
      PAdESService service = new PAdESService(verifier(credentials));
      if (authority != null) {
        service.setTspSource(tsp(authority));
      }
      PAdESSignatureParameters parameters = new PAdESSignatureParameters();
      parameters.setSignatureLevel(authority == null ? SignatureLevel.PAdES_BASELINE_B
          : SignatureLevel.PAdES_BASELINE_LT);
      parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
      // The timestamp over the signature's value, asked with SHA-256 like every token of Comitia.
      parameters.getSignatureTimestampParameters().setDigestAlgorithm(DigestAlgorithm.SHA256);
      parameters.getArchiveTimestampParameters().setDigestAlgorithm(DigestAlgorithm.SHA256);
      parameters.setSigningCertificate(new CertificateToken(credentials.certificate()));
      List<CertificateToken> chain = new ArrayList<>();
      credentials.chain().forEach(c -> chain.add(new CertificateToken(c)));
      parameters.setCertificateChain(chain);
      parameters.bLevel().setSigningDate(Date.from(signingTime.toInstant()));
      // The signer's certificate travels in the signature even when it is its own trust anchor (the demo's
      // self-signed one): any reader (pdfsig, Acrobat) needs it to check the signature.
      parameters.bLevel().setTrustAnchorBPPolicy(false);
      parameters.setSignerName(details.name());
      parameters.setReason(details.reason());
      parameters.setLocation(details.location());
      parameters.setContactInfo(details.contactInfo());
      // The CMS with its certificate and the authority's token: room for both.
      parameters.setContentSize(24_000);
      DSSDocument document = new InMemoryDocument(pdf);
      ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
      SignatureValue value = value(toBeSigned, credentials);
      DSSDocument signed = service.signDocument(document, parameters, value);
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 40_000);
      signed.writeTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Signature du PDF impossible", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signature du PDF impossible : " + e.getMessage(), e);
    }
  }

  /**
   * What validates the signer's chain: its last certificate and the local authority's as trust
   * anchors, online revocation data and issuers for a real chain; a missing one is logged, the
   * signature is made all the same (at the level its data allow).
   */
  CommonCertificateVerifier verifier(SignatureKeys.Credentials credentials) {
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    List<X509Certificate> chain = credentials.chain();
    trusted.addCertificate(new CertificateToken(chain.get(chain.size() - 1)));
    if (authority instanceof LocalTimestampAuthority local) {
      trusted.addCertificate(new CertificateToken(local.certificate()));
    }
    verifier.setTrustedCertSources(trusted);
    NativeHTTPDataLoader loader = new NativeHTTPDataLoader();
    verifier.setCrlSource(credentials.crls().isEmpty() ? new OnlineCRLSource(loader)
        : new ExternalResourcesCRLSource(credentials.crls().stream()
            .map(c -> (eu.europa.esig.dss.model.DSSDocument) new InMemoryDocument(c)).toArray(DSSDocument[]::new)));
    verifier.setOcspSource(new OnlineOCSPSource(loader));
    verifier.setAIASource(new DefaultAIASource(loader));
    verifier.setAlertOnMissingRevocationData(new LogOnStatusAlert());
    verifier.setAlertOnUncoveredPOE(new LogOnStatusAlert());
    // The demo's certificate is self-signed (its own trust anchor): no revocation data to add, the
    // timestamp's validation data still go in the DSS dictionary.
    verifier.setAugmentationAlertOnSelfSignedCertificateChains(new LogOnStatusAlert());
    return verifier;
  }

  /** The authority as DSS asks it: a token (DER) over a SHA-256 digest. */
  static TSPSource tsp(TimestampAuthority authority) {
    return (digestAlgorithm, digest) -> {
      if (digestAlgorithm != DigestAlgorithm.SHA256) {
        throw new IllegalArgumentException("Horodatage : seul SHA-256 est demandé à l'autorité, pas " + digestAlgorithm);
      }
      return new TimestampBinary(authority.stamp(digest).der());
    };
  }

  private static SignatureValue value(ToBeSigned toBeSigned, SignatureKeys.Credentials credentials)
      throws GeneralSecurityException {
    boolean ec = "EC".equals(credentials.key().getAlgorithm());
    Signature signature = Signature.getInstance(ec ? "SHA256withECDSA" : "SHA256withRSA");
    signature.initSign(credentials.key());
    signature.update(toBeSigned.getBytes());
    return new SignatureValue(SignatureAlgorithm.getAlgorithm(ec ? EncryptionAlgorithm.ECDSA : EncryptionAlgorithm.RSA,
        DigestAlgorithm.SHA256), signature.sign());
  }
}
