package fr.comitia.document;

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
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The demo's certification authority, SIMULATED: it issues the president's and the secretaries'
 * demo certificates and, at each signature, a revocation list of that day (no certificate revoked),
 * so that a demo signature reaches PAdES-BASELINE-LT as a real chain does. Its key stays beside the
 * president's keystore; it has no legal value.
 */
final class DemoCertificationAuthority {

  private static final String ALIAS = "autorite-demo";

  private final Clock clock;
  private final PrivateKey key;
  private final X509Certificate certificate;

  private DemoCertificationAuthority(Clock clock, PrivateKey key, X509Certificate certificate) {
    this.clock = clock;
    this.key = key;
    this.certificate = certificate;
  }

  /** The authority of {@code file}, created there if missing. */
  static DemoCertificationAuthority at(Path file, char[] password, Clock clock) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          store.load(in, password);
        }
      } else {
        store.load(null, null);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072, new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "FR").addRDN(BCStyle.O, "Comitia")
            .addRDN(BCStyle.CN, "Autorite de certification de demonstration SIMULEE").build();
        X509Certificate root = build(name, name, pair.getPublic(), pair.getPrivate(), clock.instant(), true);
        store.setKeyEntry(ALIAS, pair.getPrivate(), password, new Certificate[] {root});
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".autorite", ".p12");
        try (OutputStream out = Files.newOutputStream(temporary)) {
          store.store(out, password);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      }
      return new DemoCertificationAuthority(clock, (PrivateKey) store.getKey(ALIAS, password),
          (X509Certificate) store.getCertificate(ALIAS));
    } catch (IOException e) {
      throw new UncheckedIOException("Autorité de certification de démonstration illisible : " + file, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Autorité de certification de démonstration impossible : " + e.getMessage(), e);
    }
  }

  X509Certificate certificate() {
    return certificate;
  }

  /** A signing certificate for {@code subject}, valid over the past and next ten years (the demo replays 2022). */
  X509Certificate issue(X500Name subject, PublicKey publicKey) throws GeneralSecurityException, OperatorCreationException,
      IOException {
    return build(subject, X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), publicKey, key,
        clock.instant(), false);
  }

  /** The revocation list of now: issued an hour ago, next one in thirty days, nothing revoked. */
  byte[] crl() {
    Instant now = clock.instant();
    X509v2CRLBuilder builder = new X509v2CRLBuilder(
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(now.minusSeconds(3600)));
    builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(30))));
    try {
      return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate build(X500Name subject, X500Name issuer, PublicKey publicKey, PrivateKey signer,
      Instant now, boolean authority) throws GeneralSecurityException, OperatorCreationException, IOException {
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(96, new SecureRandom()),
        Date.from(now.minus(Duration.ofDays(authority ? 7305 : 3653))),
        Date.from(now.plus(Duration.ofDays(authority ? 7305 : 3653))), subject, publicKey);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(authority ? KeyUsage.keyCertSign | KeyUsage.cRLSign
        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer)));
  }
}
