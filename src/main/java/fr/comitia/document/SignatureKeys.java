package fr.comitia.document;

import fr.comitia.roster.Organisation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The president's signing key and certificate, from the PKCS#12 keystore named in {@code config/}
 * ({@code comitia.signature.*}). In the demo run a missing keystore is created on first start
 * with an RSA 3072 certificate of the organisation's president issued by the demo's certification authority
 * (SIMULATED, {@link DemoCertificationAuthority}), and the log says so.
 */
@Component
public class SignatureKeys {

  private static final Logger log = LoggerFactory.getLogger(SignatureKeys.class);

  /** A key and its certificate chain (the signer's certificate first). */
  public record Credentials(PrivateKey key, List<X509Certificate> chain, List<byte[]> crls) {

    /** Without revocation lists of its own: they are fetched online (CRL distribution points, OCSP). */
    public Credentials(PrivateKey key, List<X509Certificate> chain) {
      this(key, chain, List.of());
    }

    public X509Certificate certificate() {
      return chain.get(0);
    }

    /** « CN=Christophe COULON, T=Président, O=…, C=FR » */
    public String subject() {
      return SignatureKeys.subject(certificate());
    }

    /** The common name of the subject (« Christophe COULON »). */
    public String commonName() {
      X500Name name = X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
      RDN[] cn = name.getRDNs(BCStyle.CN);
      return cn.length == 0 ? subject() : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }
  }

  private final SignatureProperties properties;
  private final Organisation organisation;
  private final Clock clock;
  private volatile Credentials credentials;

  SignatureKeys(SignatureProperties properties, Organisation organisation, Clock clock) {
    this.properties = properties;
    this.organisation = organisation;
    this.clock = clock;
    if (properties.createIfMissing() && configured() && !Files.exists(path())) {
      createDemoKeystore();
    }
  }

  /** Says at start which certificate signs the extracts; a keystore that cannot be read stops the start. */
  @EventListener(ApplicationReadyEvent.class)
  void report() {
    if (!configured()) {
      log.warn("Aucun certificat de signature configuré (comitia.signature.keystore) : les extraits ne pourront "
          + "pas être signés électroniquement.");
      return;
    }
    Credentials c = credentials();
    log.info("Signature électronique des extraits : certificat « {} » du fichier {} (valable jusqu'au {}).",
        c.subject(), path().toAbsolutePath(), c.certificate().getNotAfter().toInstant());
  }

  public boolean configured() {
    return StringUtils.hasText(properties.keystore());
  }

  /** The key and certificate of the keystore (read once), with the demo authority's revocation list of now. */
  public Credentials credentials() {
    Credentials c = credentials;
    if (c == null) {
      synchronized (this) {
        if (credentials == null) {
          credentials = load();
        }
        c = credentials;
      }
    }
    return withDemoRevocationList(c);
  }

  /**
   * A demo certificate issued by the demo authority travels with that authority's revocation list of
   * the day (the signature then reaches the LT level); a real certificate's are fetched online.
   */
  private Credentials withDemoRevocationList(Credentials c) {
    if (!properties.createIfMissing() || !configured()) {
      return c;
    }
    DemoCertificationAuthority authority = demoAuthority();
    X509Certificate last = c.chain().get(c.chain().size() - 1);
    return last.equals(authority.certificate()) ? new Credentials(c.key(), c.chain(), List.of(authority.crl())) : c;
  }

  private volatile DemoCertificationAuthority demoAuthority;

  private DemoCertificationAuthority demoAuthority() {
    DemoCertificationAuthority a = demoAuthority;
    if (a == null) {
      synchronized (this) {
        if (demoAuthority == null) {
          demoAuthority = DemoCertificationAuthority.at(path().toAbsolutePath().resolveSibling("autorite-demo.p12"),
              password(), clock);
        }
        a = demoAuthority;
      }
    }
    return a;
  }

  /**
   * Whether member {@code memberId} can sign: their key is in the members' keystore, or the demo run
   * will create it.
   */
  public boolean canSign(String memberId) {
    if (!StringUtils.hasText(properties.membersKeystore())) {
      return false;
    }
    if (properties.createIfMissing()) {
      return true;
    }
    try {
      return memberStore().isKeyEntry(memberId);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /**
   * The key and certificate of member {@code memberId} in the members' keystore
   * ({@code comitia.signature.members-keystore}, alias = the member's id). In the demo run a
   * missing member gets a certificate of the demo authority there, with {@code title} (« Secrétaire de séance »).
   */
  public synchronized Credentials memberCredentials(String memberId, String title) {
    Credentials cached = members.get(memberId);
    if (cached != null) {
      return withDemoRevocationList(cached);
    }
    if (!StringUtils.hasText(properties.membersKeystore())) {
      throw new IllegalStateException("Signature impossible : aucun magasin de certificats des membres n'est "
          + "configuré (comitia.signature.members-keystore, COMITIA_SIGNATURE_MEMBERS_KEYSTORE en production).");
    }
    try {
      KeyStore store = memberStore();
      if (!store.isKeyEntry(memberId)) {
        if (!properties.createIfMissing()) {
          throw new IllegalStateException("Signature impossible : le magasin " + properties.membersKeystore()
              + " n'a pas de clé pour le membre « " + memberId + " ».");
        }
        addDemoMember(store, memberId, title);
      }
      Key key = store.getKey(memberId, password());
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : store.getCertificateChain(memberId)) {
        chain.add((X509Certificate) certificate);
      }
      Credentials credentials = new Credentials((PrivateKey) key, List.copyOf(chain));
      members.put(memberId, credentials);
      return withDemoRevocationList(credentials);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Signature impossible : le magasin des membres " + properties.membersKeystore()
          + " est illisible : " + e.getMessage(), e);
    }
  }

  private final java.util.Map<String, Credentials> members = new java.util.concurrent.ConcurrentHashMap<>();

  private KeyStore memberStore() throws GeneralSecurityException {
    Path file = Path.of(properties.membersKeystore());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          store.load(in, password());
        }
      } else {
        store.load(null, null);
      }
    } catch (IOException e) {
      throw new GeneralSecurityException("magasin " + file + " illisible : " + e.getMessage(), e);
    }
    return store;
  }

  /** The demo run: a certificate of the member by the demo authority, added to the members' keystore. */
  private void addDemoMember(KeyStore store, String memberId, String title)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Organisation.Member member = organisation.member(memberId).orElseThrow(() ->
        new IllegalStateException("Signature impossible : « " + memberId + " » n'est pas un membre."));
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "FR")
        .addRDN(BCStyle.O, organisationName())
        .addRDN(BCStyle.T, title)
        .addRDN(BCStyle.CN, member.firstName() + " " + member.lastName())
        .build();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072, new SecureRandom());
    KeyPair pair = generator.generateKeyPair();
    X509Certificate certificate = demoAuthority().issue(subject, pair.getPublic());
    store.setKeyEntry(memberId, pair.getPrivate(), password(),
        new Certificate[] {certificate, demoAuthority().certificate()});
    Path file = Path.of(properties.membersKeystore()).toAbsolutePath();
    Files.createDirectories(file.getParent());
    Path temporary = Files.createTempFile(file.getParent(), ".members", ".p12");
    try (OutputStream out = Files.newOutputStream(temporary)) {
      store.store(out, password());
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    log.warn("Certificat de signature de démonstration créé pour « {} » ({}), émis par l'autorité de certification "
        + "de démonstration SIMULÉE, dans {} : sans valeur légale.", subject(certificate), title, file);
  }

  private String organisationName() {
    return organisation.name().replace("«", "").replace("»", "").replace('–', '-').replaceAll("\\s+", " ").strip();
  }

  private Path path() {
    return Path.of(properties.keystore());
  }

  private char[] password() {
    return properties.password() == null ? new char[0] : properties.password().toCharArray();
  }

  private Credentials load() {
    if (!configured()) {
      throw new IllegalStateException("Signature impossible : aucun magasin de certificats n'est configuré "
          + "(comitia.signature.keystore, COMITIA_SIGNATURE_KEYSTORE en production).");
    }
    Path file = path();
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password());
      String alias = StringUtils.hasText(properties.alias()) ? properties.alias() : firstKeyAlias(store);
      if (alias == null || !store.isKeyEntry(alias)) {
        throw new IllegalStateException("Signature impossible : le magasin " + file + " ne contient pas de clé"
            + (StringUtils.hasText(properties.alias()) ? " sous l'alias « " + properties.alias() + " »" : "") + ".");
      }
      Key key = store.getKey(alias, password());
      Certificate[] chain = store.getCertificateChain(alias);
      if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
        throw new IllegalStateException("Signature impossible : l'entrée « " + alias + " » du magasin " + file
            + " n'a pas de clé privée et de certificat.");
      }
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate : chain) {
        certificates.add((X509Certificate) certificate);
      }
      return new Credentials(privateKey, List.copyOf(certificates));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Signature impossible : le magasin de certificats " + file
          + " est illisible (fichier absent, mot de passe erroné ou format autre que PKCS#12) : " + e.getMessage(), e);
    }
  }

  private static String firstKeyAlias(KeyStore store) throws GeneralSecurityException {
    for (String alias : Collections.list(store.aliases())) {
      if (store.isKeyEntry(alias)) {
        return alias;
      }
    }
    return null;
  }

  /** The demo certificate: RSA 3072, of the president of the organisation's first assembly, by the demo authority. */
  private void createDemoKeystore() {
    Path file = path();
    Organisation.Member president = organisation.bodies().stream().findFirst()
        .flatMap(b -> organisation.member(b.presidentId()))
        .orElseThrow(() -> new IllegalStateException("Aucun président dans l'organisation : certificat impossible."));
    String organisationName = organisation.name().replace("«", "").replace("»", "").replace('–', '-')
        .replaceAll("\\s+", " ").strip();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, "FR")
        .addRDN(BCStyle.O, organisationName)
        .addRDN(BCStyle.T, "Président")
        .addRDN(BCStyle.CN, president.firstName() + " " + president.lastName())
        .build();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(3072, new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X509Certificate certificate = demoAuthority().issue(subject, pair.getPublic());
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      String alias = StringUtils.hasText(properties.alias()) ? properties.alias() : "president";
      store.setKeyEntry(alias, pair.getPrivate(), password(),
          new Certificate[] {certificate, demoAuthority().certificate()});
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".president", ".p12");
      try (OutputStream out = Files.newOutputStream(temporary)) {
        store.store(out, password());
      }
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      log.warn("Certificat de signature de démonstration créé : « {} », émis par l'autorité de certification de "
          + "démonstration SIMULÉE (RSA 3072), dans {}. "
          + "Il n'a aucune valeur légale ; en production, fournissez le certificat du président "
          + "(COMITIA_SIGNATURE_KEYSTORE, COMITIA_SIGNATURE_PASSWORD).", subject(certificate), file.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("Création du certificat de démonstration impossible dans " + file, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Création du certificat de démonstration impossible : " + e.getMessage(), e);
    }
  }

  /** The subject as people read it, most specific first: « CN=…, T=…, O=…, C=FR ». */
  static String subject(X509Certificate certificate) {
    X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    List<String> parts = new ArrayList<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
        ASN1ObjectIdentifier type = value.getType();
        String label = BCStyle.INSTANCE.oidToDisplayName(type);
        parts.add((label == null ? type.getId() : label) + "=" + IETFUtils.valueToString(value.getValue()));
      }
    }
    Collections.reverse(parts);
    return String.join(", ", parts);
  }
}
