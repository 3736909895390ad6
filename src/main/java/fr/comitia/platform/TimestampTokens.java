package fr.comitia.platform;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/** Reads and checks time-stamp tokens: one rule for the journal's verification and the reports. */
public final class TimestampTokens {

  private TimestampTokens() {}

  /**
   * What a check of a token found.
   *
   * @param valid signature of the authority right, certificate of time-stamping, digest the one expected
   * @param time the token's time, null when unreadable
   * @param authority the subject of the authority's certificate, null when absent
   * @param problem why it is not valid, in French; null when valid
   */
  public record Check(boolean valid, Instant time, String authority, String problem) {}

  /** Checks that {@code der} is a token of an authority, signed by the certificate it carries, over {@code sha256}. */
  public static Check check(byte[] der, byte[] sha256) {
    if (der == null || der.length == 0) {
      return new Check(false, null, null, "Aucun jeton d'horodatage.");
    }
    TimeStampToken token;
    try {
      token = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(der));
    } catch (IOException | CMSException | TSPException | IllegalArgumentException e) {
      return new Check(false, null, null, "Jeton d'horodatage illisible : " + e.getMessage());
    }
    Instant time = token.getTimeStampInfo().getGenTime().toInstant();
    if (!TSPAlgorithms.SHA256.equals(token.getTimeStampInfo().getMessageImprintAlgOID())
        || !Arrays.equals(token.getTimeStampInfo().getMessageImprintDigest(), sha256)) {
      return new Check(false, time, null, "Le jeton d'horodatage porte sur une autre empreinte.");
    }
    X509CertificateHolder holder = signer(token);
    if (holder == null) {
      return new Check(false, time, null, "Le jeton d'horodatage ne contient pas le certificat de l'autorité.");
    }
    String authority = holder.getSubject().toString();
    try {
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
      return new Check(true, time, authority, null);
    } catch (TSPException | OperatorCreationException | CertificateException | IllegalArgumentException e) {
      return new Check(false, time, authority, "Signature du jeton d'horodatage invalide : " + e.getMessage());
    }
  }

  /** The token of a DER encoding, as {@link TimestampAuthority.Token}. */
  static TimestampAuthority.Token token(TimeStampToken token) throws IOException {
    X509CertificateHolder holder = signer(token);
    return new TimestampAuthority.Token(token.getEncoded(), token.getTimeStampInfo().getGenTime().toInstant(),
        token.getTimeStampInfo().getSerialNumber().toString(16), holder == null ? null : holder.getSubject().toString());
  }

  /** SHA-256 of bytes. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @SuppressWarnings("unchecked")
  private static X509CertificateHolder signer(TimeStampToken token) {
    Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
    return matches.isEmpty() ? null : matches.iterator().next();
  }
}
