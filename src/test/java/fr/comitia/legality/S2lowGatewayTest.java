package fr.comitia.legality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.legality.PrefectureGateway.ActesFile;
import fr.comitia.legality.PrefectureGateway.ActesMessage;
import fr.comitia.legality.PrefectureGateway.State;
import fr.comitia.legality.PrefectureGateway.Status;
import fr.comitia.legality.PrefectureGateway.Submission;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S²LOW adapter against a local S²LOW ({@link S2lowFake}): what it posts, how it reads the answers. */
class S2lowGatewayTest {

  private static final byte[] ACT = pdf("Délibération 2022_14");
  private static final byte[] ANNEX = pdf("Plan de situation");
  private static final String SUBJECT = "Désignation des délégués au syndicat d’énergie — « SDE 59 »";

  private S2lowFake fake;
  private S2lowGateway gateway;

  @BeforeEach
  void start() throws Exception {
    fake = S2lowFake.start();
    gateway = new S2lowGateway(fake.url() + "/", SSLContext.getDefault());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void submitPostsTheActItsAnnexAndTheirTypesAsS2lowReadsThem() {
    Submission submission = gateway.submit(message("2022_14", ACT, "99_DE", annex("99_AU")));

    assertThat(fake.violations()).isEmpty();
    assertThat(submission.isRefused()).isFalse();
    assertThat(submission.transactionId()).isEqualTo("4242");
    S2lowFake.Post post = fake.lastPost();
    assertThat(post.field("api")).isEqualTo("1");
    assertThat(post.field("nature_code")).isEqualTo("1");
    assertThat(post.field("classif1")).isEqualTo("1");
    assertThat(post.field("classif2")).isEqualTo("4");
    assertThat(post.fields()).doesNotContainKey("classif3");
    assertThat(post.field("number")).isEqualTo("2022_14");
    assertThat(post.field("decision_date")).isEqualTo("2022-06-16");
    // S²LOW reads an API call's values as ISO-8859-1: accents and « » arrive whole, the typographic
    // apostrophe and dash (outside ISO-8859-1) in their ASCII form.
    assertThat(post.field("subject")).isEqualTo("Désignation des délégués au syndicat d'énergie - « SDE 59 »");
    assertThat(post.field("type_acte")).isEqualTo("99_DE");
    assertThat(post.fields().get("type_pj[]")).containsExactly("99_AU");
    assertThat(post.files().get("acte_pdf_file")).singleElement().satisfies(file -> {
      assertThat(file.fileName()).isEqualTo("deliberation-2022_14.pdf");
      assertThat(file.contentType()).isEqualTo("application/pdf");
      assertThat(file.content()).isEqualTo(ACT);
    });
    assertThat(post.files().get("acte_attachments[]")).singleElement().satisfies(file -> {
      assertThat(file.fileName()).isEqualTo("Plan de situation é_1_.pdf");
      assertThat(file.content()).isEqualTo(ANNEX);
    });
    assertThat(fake.requests()).containsExactly(S2lowGateway.CREATE_PATH + "?api=1");
  }

  @Test
  void aKoAnswerIsARefusalWithS2lowsReason() {
    assertThat(gateway.submit(message("2022_14", ACT, "99_DE", annex("99_AU"))).isRefused()).isFalse();

    Submission again = gateway.submit(message("2022_14", ACT, "99_DE", annex("99_AU")));

    assertThat(again.isRefused()).isTrue();
    assertThat(again.transactionId()).isNull();
    assertThat(again.refusal()).isEqualTo("S²LOW a refusé la transmission : Un acte portant le même numéro "
        + "interne existe déjà dans la base de données. Il faut peut-être ajouter un suffixe au numéro.");
  }

  @Test
  void aRefusalOfTheActFileIsReadWithItsQuotesAndApostrophes() {
    byte[] notAPdf = "Ceci n'est pas un PDF".getBytes(StandardCharsets.ISO_8859_1);

    Submission submission = gateway.submit(message("2022_15", notAPdf, "99_DE"));

    assertThat(submission.refusal()).isEqualTo("S²LOW a refusé la transmission : Erreur de validation du "
        + "fichier de l'acte : Le fichier de l'acte \" deliberation-2022_14.pdf \" est de type \" text/plain \". "
        + "Fichier PDF ou XML requis.");
  }

  @Test
  void anAnnexWithoutItsTypeIsRefusedByS2low() {
    Submission submission = gateway.submit(message("2022_16", ACT, "99_DE", annex("")));

    assertThat(submission.refusal()).isEqualTo("S²LOW a refusé la transmission : Erreur lors de la réception du "
        + "fichier annexe Plan de situation é_1_.pdf : typologie absente");
  }

  @Test
  void aServerErrorIsAnUnavailableGatewayWithTheStatusAndTheAnswer() {
    fake.failNext(500, "<html><body><h1>Internal Server Error</h1></body></html>");

    assertThatThrownBy(() -> gateway.submit(message("2022_14", ACT, "99_DE")))
        .isInstanceOf(GatewayUnavailableException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("actes_transac_create.php")
        .hasMessageContaining("<h1>Internal Server Error</h1>");
  }

  @Test
  void aKoAboutTheAccountIsNotARefusalOfTheAct() {
    fake.failNext(200, "KO\nÉchec de l'authentification\n");

    assertThatThrownBy(() -> gateway.submit(message("2022_14", ACT, "99_DE")))
        .isInstanceOf(GatewayUnavailableException.class)
        .hasMessageContaining("Échec de l'authentification");
  }

  @Test
  void anAnswerThatIsNeitherOkNorKoIsAnUnavailableGateway() {
    fake.failNext(200, "<html>Maintenance en cours</html>");

    assertThatThrownBy(() -> gateway.submit(message("2022_14", ACT, "99_DE")))
        .isInstanceOf(GatewayUnavailableException.class)
        .hasMessageContaining("Maintenance en cours");
  }

  @Test
  void anUnreachableS2lowIsAnUnavailableGateway() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    S2lowGateway nowhere = new S2lowGateway("http://127.0.0.1:" + port, SSLContext.getDefault());

    assertThatThrownBy(() -> nowhere.status("4242")).isInstanceOf(GatewayUnavailableException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void postedWaitingAndTransmittedAreTransmitted() {
    String id = gateway.submit(message("2022_14", ACT, "99_DE")).transactionId();

    for (int code : List.of(1, 2, 3, 17)) {
      fake.setStatus(id, code, "…");
      assertThat(gateway.status(id).state()).as("status %d", code).isEqualTo(State.TRANSMITTED);
    }
  }

  @Test
  void anAcknowledgedTransactionGivesTheActesIdTheDateTheArActeAndTheStampedAct() {
    String id = gateway.submit(message("2022_14", ACT, "99_DE", annex("99_AU"))).transactionId();
    fake.setStatus(id, 4, "Reçu par le ministère");

    Status status = gateway.status(id);

    assertThat(status.state()).isEqualTo(State.ACKNOWLEDGED);
    assertThat(status.actesId()).isEqualTo("059-200041036-20220616-2022_14-DE");
    assertThat(status.acknowledgedAt()).isEqualTo(OffsetDateTime.of(2022, 6, 16, 0, 0, 0, 0, ZoneOffset.ofHours(2)));
    assertThat(status.arActe()).isEqualTo(fake.arActe(id));
    assertThat(new String(status.arActe(), StandardCharsets.ISO_8859_1)).contains("<actes:ARActe")
        .contains("Désignation des délégués");
    assertThat(status.stampedAct()).isEqualTo(fake.stampedAct(id)).isNotEqualTo(ACT);
    assertThat(status.reason()).isNull();
    assertThat(fake.requests()).contains(S2lowGateway.STATUS_PATH + "?transaction=" + id,
        S2lowGateway.FILES_LIST_PATH + "?transaction=" + id);
    assertThat(fake.requests()).anyMatch(r -> r.startsWith(S2lowGateway.DOWNLOAD_PATH) && r.endsWith("&tampon=true"));
  }

  @Test
  void anArchivedTransactionIsStillAcknowledgedWithTheArActeOfItsOwnPage() {
    String id = gateway.submit(message("2022_14", ACT, "99_DE")).transactionId();
    fake.setStatus(id, 4, "Reçu par le ministère");
    fake.setStatus(id, 13, "Archivé par le SAE");

    Status status = gateway.status(id);

    assertThat(status.state()).isEqualTo(State.ACKNOWLEDGED);
    assertThat(status.actesId()).isEqualTo("059-200041036-20220616-2022_14-DE");
    assertThat(status.arActe()).isEqualTo(fake.arActe(id));
    assertThat(fake.requests()).contains(S2lowGateway.ARACTE_PATH + "?id=" + id);
  }

  @Test
  void anErrorOrARefusalIsRefusedWithTheReason() {
    String id = gateway.submit(message("2022_14", ACT, "99_DE")).transactionId();

    fake.setStatus(id, -1, "Le fichier de l'acte n'est pas conforme (PDF/A attendu) : rejet du ministère");
    Status error = gateway.status(id);
    assertThat(error.state()).isEqualTo(State.REFUSED);
    assertThat(error.reason()).isEqualTo("S²LOW a signalé une erreur sur la transmission : Le fichier de l'acte "
        + "n'est pas conforme (PDF/A attendu) : rejet du ministère");

    fake.setStatus(id, 6, "Refusé");
    fake.setFlow(id, ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<actes:EnveloppeAnomalie xmlns:actes=\""
        + S2lowFake.ACTES_NS + "\"><actes:Anomalie><actes:Nature>Classification inconnue</actes:Nature>"
        + "</actes:Anomalie></actes:EnveloppeAnomalie>").getBytes(StandardCharsets.ISO_8859_1));
    Status refused = gateway.status(id);
    assertThat(refused.state()).isEqualTo(State.REFUSED);
    assertThat(refused.reason()).isEqualTo("La transmission a été refusée (S²LOW, statut « Refusé ») : "
        + "Classification inconnue");
    assertThat(refused.actesId()).isNull();
  }

  @Test
  void anUnknownTransactionIsAnUnavailableGateway() {
    assertThatThrownBy(() -> gateway.status("999")).isInstanceOf(GatewayUnavailableException.class)
        .hasMessageContaining("Numéro de transaction invalide.");
    assertThatThrownBy(() -> gateway.status("../../etc")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMatiereIsSplitIntoClassificationLevels() {
    assertThat(S2lowGateway.classification("1.4")).containsExactly("1", "4");
    assertThat(S2lowGateway.classification("2.1.3 Plan local d'urbanisme")).containsExactly("2", "1", "3");
    assertThatThrownBy(() -> S2lowGateway.classification("1.A")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S2lowGateway.classification("1.2.3.4.5.6")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theArActeDateIsMidnightInParisOrTheTimeItGives() {
    assertThat(S2lowGateway.ArActe.receivedAt("2022-12-16"))
        .isEqualTo(OffsetDateTime.of(2022, 12, 16, 0, 0, 0, 0, ZoneOffset.ofHours(1)));
    assertThat(S2lowGateway.ArActe.receivedAt("2022-06-16T10:15:00"))
        .isEqualTo(OffsetDateTime.of(2022, 6, 16, 10, 15, 0, 0, ZoneOffset.ofHours(2)));
  }

  /** Over TLS, as in production: the client certificate from a PKCS#12 keystore. */
  @Nested
  class ClientCertificate {

    private static final String KEYSTORE_PASSWORD = "Mairie-Pa55word!";
    private static final String TRUSTSTORE_PASSWORD = "Trust-Pa55word!";

    @TempDir
    Path dir;

    private S2lowFake tls;
    private Path keystore;
    private Path truststore;
    private SSLContext trustOnly;

    @BeforeEach
    void startTls() throws Exception {
      KeyPair serverKeys = ecKeys();
      X509Certificate serverCertificate = certificate("CN=s2low.test", serverKeys, true);
      KeyPair clientKeys = ecKeys();
      X509Certificate clientCertificate = certificate("CN=Mairie de Test,O=Comitia", clientKeys, false);

      KeyStore serverKeyStore = emptyStore();
      serverKeyStore.setKeyEntry("server", serverKeys.getPrivate(), new char[0], new Certificate[] {serverCertificate});
      KeyStore serverTrust = emptyStore();
      serverTrust.setCertificateEntry("client", clientCertificate);
      tls = S2lowFake.startTls(context(serverKeyStore, serverTrust));

      KeyStore client = emptyStore();
      client.setKeyEntry("mairie", clientKeys.getPrivate(), KEYSTORE_PASSWORD.toCharArray(),
          new Certificate[] {clientCertificate});
      keystore = write(client, "mairie.p12", KEYSTORE_PASSWORD);
      KeyStore trust = emptyStore();
      trust.setCertificateEntry("s2low", serverCertificate);
      truststore = write(trust, "s2low-ca.p12", TRUSTSTORE_PASSWORD);
      trustOnly = context(null, trust);
    }

    @AfterEach
    void stopTls() {
      tls.close();
    }

    @Test
    void theFactoryPresentsTheKeystoresCertificate() {
      S2lowGateway prod = S2lowGateway.withClientCertificate(tls.url(), keystore, KEYSTORE_PASSWORD, truststore,
          TRUSTSTORE_PASSWORD);

      Submission submission = prod.submit(message("2022_14", ACT, "99_DE"));

      assertThat(submission.transactionId()).isEqualTo("4242");
      assertThat(tls.clientSubjects()).isNotEmpty().allMatch(s -> s.contains("CN=Mairie de Test"));
      assertThat(prod.status("4242").state()).isEqualTo(State.TRANSMITTED);
      assertThat(prod.toString()).doesNotContain(KEYSTORE_PASSWORD);
    }

    @Test
    void withoutTheClientCertificateS2lowIsUnavailable() {
      S2lowGateway anonymous = new S2lowGateway(tls.url(), trustOnly);

      assertThatThrownBy(() -> anonymous.status("4242")).isInstanceOf(GatewayUnavailableException.class);
    }

    @Test
    void aWrongPasswordFailsWithoutSayingThePassword() {
      assertThatThrownBy(() -> S2lowGateway.withClientCertificate(tls.url(), keystore, "Not-The-Pa55word", truststore,
          TRUSTSTORE_PASSWORD))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("mairie.p12")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Not-The-Pa55word")
              .doesNotContain(KEYSTORE_PASSWORD));
    }

    private Path write(KeyStore store, String name, String password) throws Exception {
      Path file = dir.resolve(name);
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password.toCharArray());
      }
      return file;
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static ActesMessage message(String number, byte[] act, String actType, ActesFile... annexes) {
    return new ActesMessage("1", "1.4", number, LocalDate.of(2022, 6, 16), SUBJECT,
        new ActesFile("deliberation-2022_14.pdf", act, actType), List.of(annexes), "200041036", "059");
  }

  private static ActesFile annex(String type) {
    return new ActesFile("Plan de situation é(1).pdf", ANNEX, type);
  }

  /** A PDF's first bytes, then binary content (every byte value, CR LF and dashes included). */
  private static byte[] pdf(String title) {
    byte[] head = ("%PDF-1.7\n%âãÏÓ\n% " + title + "\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] tail = "\r\n--\r\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] pdf = new byte[head.length + 256 + tail.length];
    System.arraycopy(head, 0, pdf, 0, head.length);
    for (int i = 0; i < 256; i++) {
      pdf[head.length + i] = (byte) i;
    }
    System.arraycopy(tail, 0, pdf, head.length + 256, tail.length);
    return pdf;
  }

  private static KeyPair ecKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(String subject, KeyPair keys, boolean server) throws Exception {
    X500Name name = new X500Name(subject);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
    if (server) {
      builder.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }

  private static KeyStore emptyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static SSLContext context(KeyStore keys, KeyStore trust) throws Exception {
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, new char[0]);
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return context;
  }
}
