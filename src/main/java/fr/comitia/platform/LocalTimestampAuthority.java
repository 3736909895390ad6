package fr.comitia.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.StringUtils;

/**
 * A time-stamping authority run by Comitia, SIMULATED: the demo's and the tests' stand-in for a
 * qualified authority. It answers RFC 3161 requests (in process, and over HTTP at {@code /horodatage}
 * where {@code comitia.timestamp.local} is on) with tokens signed by its own key (ECDSA P-256, a
 * certificate for time-stamping only, kept in {@code comitia.timestamp.local-keystore}), at the time
 * of the engine's clock, so that the demo's replay of 2022 is stamped in 2022. Its tokens check like
 * real ones; they prove nothing to a third party.
 */
public final class LocalTimestampAuthority implements TimestampAuthority {

  private static final Logger log = LoggerFactory.getLogger(LocalTimestampAuthority.class);
  /** The policy its tokens carry: an OID of the private arc of examples (RFC 7229), not a real policy. */
  public static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.13.3161");
  private static final String ALIAS = "horodatage";

  private final Clock clock;
  private final PrivateKey key;
  private final X509Certificate certificate;
  private final AtomicLong serials = new AtomicLong(System.currentTimeMillis() * 1000);

  public LocalTimestampAuthority(Clock clock, String keystore, String password) {
    this.clock = clock;
    try {
      KeyStore store = StringUtils.hasText(keystore) ? keystore(Path.of(keystore), password.toCharArray())
          : created(null);
      this.key = (PrivateKey) store.getKey(ALIAS, password == null ? new char[0] : password.toCharArray());
      this.certificate = (X509Certificate) store.getCertificate(ALIAS);
    } catch (IOException e) {
      throw new UncheckedIOException("Autorité d'horodatage locale : magasin " + keystore + " illisible", e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Autorité d'horodatage locale impossible : " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "Autorité d'horodatage locale SIMULÉE par Comitia (sans valeur probante) — " + certificate.getSubjectX500Principal().getName();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  @Override
  public Token stamp(byte[] sha256) {
    try {
      TimeStampRequestGenerator request = new TimeStampRequestGenerator();
      request.setCertReq(true);
      return TimestampTokens.token(respond(request.generate(TSPAlgorithms.SHA256, sha256)).getTimeStampToken());
    } catch (IOException | TSPException e) {
      throw new IllegalStateException("Horodatage local impossible : " + e.getMessage(), e);
    }
  }

  /** The answer to a request: granted for a SHA-256 imprint, rejected otherwise (as RFC 3161 says). */
  public TimeStampResponse respond(TimeStampRequest request) throws TSPException {
    try {
      TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
          new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key, certificate),
          new JcaDigestCalculatorProviderBuilder().build().get(
              new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
          POLICY);
      tokens.addCertificates(new JcaCertStore(List.of(certificate)));
      TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, java.util.Set.of(TSPAlgorithms.SHA256),
          java.util.Set.of(POLICY));
      BigInteger serial = BigInteger.valueOf(serials.incrementAndGet());
      return responses.generateGrantedResponse(request, serial, Date.from(clock.instant()));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Horodatage local impossible : " + e.getMessage(), e);
    } catch (TSPException e) {
      // Not a SHA-256 imprint, or another policy asked for: refused with the reason, as the RFC asks.
      TimeStampResponseGenerator refusals = new TimeStampResponseGenerator(null, java.util.Set.of());
      return refusals.generateRejectedResponse(e);
    }
  }

  private KeyStore keystore(Path file, char[] password)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    if (Files.exists(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password);
      }
      return store;
    }
    KeyStore store = created(password);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".horodatage", ".p12");
    try (OutputStream out = Files.newOutputStream(temporary)) {
      store.store(out, password);
    }
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      // Another node created it first: use theirs.
      Files.deleteIfExists(temporary);
      return keystore(file, password);
    }
    log.warn("Autorité d'horodatage locale SIMULÉE créée dans {} : ses jetons n'ont aucune valeur probante ; en "
        + "production, configurez une autorité d'horodatage (COMITIA_TIMESTAMP_URL).", file.toAbsolutePath());
    return store;
  }

  private KeyStore created(char[] password) throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair pair = generator.generateKeyPair();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR").addRDN(BCStyle.O, "Comitia")
        .addRDN(BCStyle.CN, "Autorite d'horodatage locale SIMULEE").build();
    // Valid over twenty years around now: the demo replays 2022 and keeps its proofs.
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
        new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(3653 * 2))),
        Date.from(now.plus(Duration.ofDays(3653 * 2))), subject, pair.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    X509Certificate certificate = new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(ALIAS, pair.getPrivate(), password == null ? new char[0] : password,
        new Certificate[] {certificate});
    return store;
  }
}
