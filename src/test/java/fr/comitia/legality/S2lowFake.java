package fr.comitia.legality;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A local S²LOW, for the adapter's tests: the ACTES pages {@code S2lowGateway} calls, checking what
 * S²LOW checks and answering as S²LOW answers (written after S²LOW's PHP sources, none copied):
 *
 * <ul>
 *   <li>{@code actes_transac_create.php}: api=1 in the POST body (else the web form's redirection);
 *       field values and file names read as ISO-8859-1 (S²LOW's {@code utf8_encode} of API calls);
 *       the number's pattern, the decision date not in the future, the act file, {@code type_acte},
 *       one {@code type_pj[]} per annex, five-character type codes, the act a PDF, two classification
 *       levels, a number not used before; « OK\n&lt;id&gt;\n\n » or « KO\n&lt;message&gt;\n », the message
 *       HTML-escaped ({@code htmlspecialchars}) and in ISO-8859-1.
 *   <li>{@code actes_transac_get_status.php?transaction=}: « OK\n&lt;code&gt;\n » + the ARActe for 4, the
 *       ISO-8859-1 message for -1; « KO\nNuméro de transaction invalide. » (UTF-8, a literal of the
 *       sources) for an unknown id.
 *   <li>{@code actes_transac_get_ARActe.php?id=}, {@code actes_transac_get_files_list.php?transaction=},
 *       {@code actes_download_file.php?file=&tampon=true}.
 * </ul>
 *
 * <p>Fields the real pages need but for which S²LOW's exact wording is unknown here (nature, subject,
 * date missing) are answered « KO\n[fake] … » and kept in {@link #violations()}.
 */
final class S2lowFake implements AutoCloseable {

  static final String ACTES_NS = "http://www.interieur.gouv.fr/ACTES#v1.1-20040216";
  private static final Pattern NUMBER = Pattern.compile("^([A-Z0-9][A-Z0-9_]{0,13})?[A-Z0-9]$");
  private static final Pattern CODE_PJ = Pattern.compile("^[A-Z0-9_]{5}$");
  private static final Map<String, String> NATURES = Map.of("1", "DE", "2", "AR", "3", "AI", "4", "CC", "5", "BF",
      "6", "AU");

  /** The collectivity of the certificate: S²LOW takes SIREN and département from the account. */
  final String siren;
  final String departement;

  private final HttpServer server;
  private final String url;
  private final AtomicInteger nextTransaction = new AtomicInteger(4242);
  private final AtomicInteger nextFile = new AtomicInteger(9000);
  private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> clientSubjects = new CopyOnWriteArrayList<>();
  private volatile int failStatus;
  private volatile String failBody;

  private S2lowFake(HttpServer server, String scheme, String siren, String departement) {
    this.server = server;
    this.siren = siren;
    this.departement = departement;
    server.createContext("/modules/actes/", this::handle);
    server.start();
    this.url = scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Plain HTTP on the loopback. */
  static S2lowFake start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      return new S2lowFake(server, "http", "200041036", "059");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** HTTPS on the loopback, asking the client's certificate as S²LOW's Apache does. */
  static S2lowFake startTls(SSLContext serverContext) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(serverContext) {
        @Override
        public void configure(HttpsParameters params) {
          var parameters = serverContext.getDefaultSSLParameters();
          parameters.setNeedClientAuth(true);
          params.setSSLParameters(parameters);
        }
      });
      return new S2lowFake(server, "https", "200041036", "059");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return url;
  }

  /**
   * What points Comitia at this fake as at a real S²LOW (profile-independent): gateway « s2low », its
   * address, a client certificate store (an empty PKCS#12 written under {@code directory}) and its password.
   */
  Map<String, String> comitiaProperties(java.nio.file.Path directory) {
    try {
      java.nio.file.Files.createDirectories(directory);
      java.nio.file.Path keystore = directory.resolve("s2low-client.p12");
      java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
      store.load(null, null);
      try (var out = java.nio.file.Files.newOutputStream(keystore)) {
        store.store(out, "s2low-test".toCharArray());
      }
      return Map.of("comitia.prefecture.gateway", "s2low", "comitia.prefecture.s2low.url", url,
          "comitia.prefecture.s2low.keystore", keystore.toString(),
          "comitia.prefecture.s2low.keystore-password", "s2low-test");
    } catch (IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static void register(org.springframework.test.context.DynamicPropertyRegistry registry, S2lowFake fake,
      java.nio.file.Path directory) {
    fake.comitiaProperties(directory).forEach((key, value) -> registry.add(key, () -> value));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ------------------------------------------------------------------------------------------
  // What the tests set and read

  /**
   * The next request, whatever its page, gets this HTTP status and body (ISO-8859-1): Apache or PHP
   * failing, or an answer S²LOW gives before looking at the act (authentication).
   */
  void failNext(int status, String body) {
    this.failBody = body;
    this.failStatus = status;
  }

  /** Moves a transaction to a status; {@code message} is the workflow's message (shown for -1). */
  void setStatus(String transactionId, int status, String message) {
    Transaction transaction = transactions.get(transactionId);
    if (transaction == null) {
      throw new IllegalArgumentException("No transaction " + transactionId);
    }
    transaction.status = status;
    transaction.message = message;
    if (status == 4) {
      transaction.acknowledged = true;
    }
  }

  /** Sets the return flow S²LOW keeps with a status (e.g. the ministry's anomaly for 6). */
  void setFlow(String transactionId, byte[] flow) {
    transactions.get(transactionId).flow = flow;
  }

  List<Post> posts() {
    return Collections.unmodifiableList(posts);
  }

  Post lastPost() {
    return posts.get(posts.size() - 1);
  }

  List<String> violations() {
    return Collections.unmodifiableList(violations);
  }

  /** Path and query of every request, in order. */
  List<String> requests() {
    return Collections.unmodifiableList(requests);
  }

  /** The subjects of the client certificates presented over TLS. */
  List<String> clientSubjects() {
    return Collections.unmodifiableList(clientSubjects);
  }

  byte[] arActe(String transactionId) {
    return transactions.get(transactionId).arActe;
  }

  byte[] stampedAct(String transactionId) {
    return stamp(transactions.get(transactionId).files.get(1).content);
  }

  /** A POST as S²LOW's PHP sees it: fields (ISO-8859-1 read) and files, by name, in order. */
  record Post(Map<String, List<String>> fields, Map<String, List<Upload>> files) {
    String field(String name) {
      List<String> values = fields.get(name);
      return values == null ? null : values.get(0);
    }
  }

  /** An uploaded file. */
  record Upload(String fileName, String contentType, byte[] content) {}

  /** A transaction of the fake. */
  private static final class Transaction {
    final String id;
    final String number;
    final List<StoredFile> files = new ArrayList<>();
    volatile int status = 1;
    volatile String message = "Posté";
    volatile byte[] flow;
    volatile boolean acknowledged;
    byte[] arActe;

    Transaction(String id, String number) {
      this.id = id;
      this.number = number;
    }
  }

  private record StoredFile(String id, String name, String postedName, String mimetype, String codePj,
      byte[] content) {}

  // ------------------------------------------------------------------------------------------
  // Pages

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      requests.add(path + (query == null ? "" : "?" + query));
      recordClient(exchange);
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (failStatus != 0) {
        int status = failStatus;
        failStatus = 0;
        send(exchange, status, "text/html", failBody.getBytes(StandardCharsets.ISO_8859_1));
        return;
      }
      Map<String, String> get = query(query);
      switch (path) {
        case "/modules/actes/actes_transac_create.php" -> create(exchange, body);
        case "/modules/actes/actes_transac_get_status.php" -> status(exchange, get.get("transaction"));
        case "/modules/actes/actes_transac_get_ARActe.php" -> arActe(exchange, get.get("id"));
        case "/modules/actes/actes_transac_get_files_list.php" -> filesList(exchange, get.get("transaction"));
        case "/modules/actes/actes_download_file.php" -> download(exchange, get.get("file"), get.get("tampon"));
        default -> send(exchange, 404, "text/html", "Not Found".getBytes(StandardCharsets.US_ASCII));
      }
    } catch (RuntimeException e) {
      violations.add("fake failed: " + e);
      throw e;
    }
  }

  private void recordClient(HttpExchange exchange) {
    if (exchange instanceof HttpsExchange https) {
      try {
        clientSubjects.add(((X509Certificate) https.getSSLSession().getPeerCertificates()[0])
            .getSubjectX500Principal().getName());
      } catch (SSLPeerUnverifiedException e) {
        clientSubjects.add("(none)");
      }
    }
  }

  private void create(HttpExchange exchange, byte[] body) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      violations.add("create: method " + exchange.getRequestMethod());
    }
    Post post = parseMultipart(exchange.getRequestHeaders().getFirst("Content-Type"), body);
    posts.add(post);
    if (!"1".equals(post.field("api"))) {
      // Not an API call: the web form's way, a redirection with the message in the session.
      violations.add("create: no api=1 in the POST body");
      exchange.getResponseHeaders().add("Location", "/modules/actes/actes_transac_add.php");
      send(exchange, 302, "text/html", new byte[0]);
      return;
    }
    String number = post.field("number");
    if (number == null || !NUMBER.matcher(number).matches()) {
      ko(exchange, "Le numéro n'est pas correct");
      return;
    }
    String date = post.field("decision_date");
    if (date == null || date.isEmpty()) {
      violations.add("create: no decision_date");
      ko(exchange, "[fake] decision_date manquant");
      return;
    }
    try {
      if (LocalDate.parse(date).isAfter(LocalDate.now())) {
        ko(exchange, "La date de décision est une date dans le futur");
        return;
      }
    } catch (DateTimeParseException e) {
      violations.add("create: decision_date " + date);
      ko(exchange, "[fake] decision_date illisible");
      return;
    }
    for (String name : List.of("nature_code", "subject")) {
      if (post.field(name) == null || post.field(name).isBlank()) {
        violations.add("create: no " + name);
        ko(exchange, "[fake] " + name + " manquant");
        return;
      }
    }
    String nature = NATURES.get(post.field("nature_code"));
    if (nature == null) {
      violations.add("create: nature_code " + post.field("nature_code"));
      ko(exchange, "[fake] nature_code inconnu");
      return;
    }
    List<Upload> acts = post.files().getOrDefault("acte_pdf_file", List.of());
    if (acts.isEmpty()) {
      ko(exchange, "Aucun fichier acte n'a été posté ");
      return;
    }
    Upload act = acts.get(0);
    String typeActe = post.field("type_acte");
    if (typeActe == null || typeActe.isEmpty()) {
      ko(exchange, "Erreur lors de la réception du fichier " + act.fileName() + " : typologie absente");
      return;
    }
    String actError = fileError(act, typeActe, true);
    if (actError != null) {
      ko(exchange, "Erreur de validation du fichier de l'acte :\n" + actError + "\n");
      return;
    }
    List<Upload> annexes = post.files().getOrDefault("acte_attachments[]", List.of());
    List<String> typesPj = post.fields().getOrDefault("type_pj[]", List.of());
    for (int i = 0; i < annexes.size(); i++) {
      String typePj = i < typesPj.size() ? typesPj.get(i) : "";
      if (typePj.isEmpty()) {
        ko(exchange, "Erreur lors de la réception du fichier annexe " + annexes.get(i).fileName()
            + " : typologie absente");
        return;
      }
      String annexError = fileError(annexes.get(i), typePj, false);
      if (annexError != null) {
        ko(exchange, "Erreur de validation d'un fichier de pièce jointe :\n" + annexError + "\n");
        return;
      }
    }
    if (transactions.values().stream().anyMatch(t -> t.number.equals(number))) {
      ko(exchange, "Un acte portant le même numéro interne existe déjà dans la base de données.\n"
          + "Il faut peut-être ajouter un suffixe au numéro.");
      return;
    }
    String classif1 = post.field("classif1");
    String classif2 = post.field("classif2");
    if (!numeric(classif1) || !numeric(classif2)) {
      ko(exchange, "Erreur lors de l'enregistrement de la transaction :\n"
          + "Les deux premiers niveaux de classification sont obligatoires.");
      return;
    }
    List<String> classification = new ArrayList<>();
    for (int i = 1; i <= 5 && numeric(post.field("classif" + i)); i++) {
      classification.add(post.field("classif" + i));
    }

    String id = String.valueOf(nextTransaction.getAndIncrement());
    Transaction transaction = new Transaction(id, number);
    String stem = departement + "-" + siren + "-" + date.replace("-", "") + "-" + number + "-" + nature + "-1-1";
    transaction.files.add(new StoredFile(String.valueOf(nextFile.getAndIncrement()), stem + "_0.xml", "",
        "text/xml", "", "<actes:Acte/>".getBytes(StandardCharsets.ISO_8859_1)));
    transaction.files.add(new StoredFile(String.valueOf(nextFile.getAndIncrement()),
        typeActe + "-" + stem + "_1.pdf", act.fileName(), "application/pdf", typeActe, act.content()));
    for (int i = 0; i < annexes.size(); i++) {
      transaction.files.add(new StoredFile(String.valueOf(nextFile.getAndIncrement()),
          typesPj.get(i) + "-" + stem + "_" + (i + 2) + ".pdf", annexes.get(i).fileName(), "application/pdf",
          typesPj.get(i), annexes.get(i).content()));
    }
    transaction.arActe = arActeXml(transaction, post, nature, classification, date);
    transactions.put(id, transaction);
    answer(exchange, "OK\n" + id + "\n\n");
  }

  private static String fileError(Upload upload, String codePj, boolean act) {
    boolean pdf = startsWith(upload.content(), "%PDF");
    if (!pdf) {
      String mime = "text/plain";
      return act
          ? "Le fichier de l'acte \" " + upload.fileName() + " \" est de type \" " + mime
              + " \". Fichier PDF ou XML requis."
          : "Le fichier attaché \" " + upload.fileName() + " \" est de type \" " + mime
              + " \". Fichier PDF, XML, PNG ou JPEG requis.";
    }
    if (!CODE_PJ.matcher(codePj).matches()) {
      return "Le code de la PJ doit faire 5 caractères";
    }
    return null;
  }

  private void status(HttpExchange exchange, String id) throws IOException {
    Transaction transaction = id == null ? null : transactions.get(id);
    if (transaction == null) {
      // A literal of S²LOW's UTF-8 source, echoed as it is.
      send(exchange, 200, "text/html", "KO\nNuméro de transaction invalide.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("OK\n" + transaction.status + "\n").getBytes(StandardCharsets.ISO_8859_1));
    if (transaction.status == 4) {
      out.writeBytes(transaction.arActe);
    } else if (transaction.flow != null) {
      out.writeBytes(transaction.flow);
    }
    if (transaction.status == -1 && transaction.message != null) {
      out.writeBytes(transaction.message.getBytes(StandardCharsets.ISO_8859_1));
    }
    send(exchange, 200, "text/html", out.toByteArray());
  }

  private void arActe(HttpExchange exchange, String id) throws IOException {
    Transaction transaction = id == null ? null : transactions.get(id);
    if (transaction == null || !transaction.acknowledged) {
      exchange.getResponseHeaders().add("Location", "index.php");
      send(exchange, 302, "text/html", new byte[0]);
      return;
    }
    send(exchange, 200, "application/xml", transaction.arActe);
  }

  private void filesList(HttpExchange exchange, String id) throws IOException {
    Transaction transaction = id == null ? null : transactions.get(id);
    if (transaction == null) {
      send(exchange, 200, "text/html", "KO\nNuméro de transaction invalide.".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!transaction.acknowledged && List.of(1, 2, 3).contains(transaction.status)) {
      send(exchange, 200, "text/html", "KO\nPas d'acquittement recu".getBytes(StandardCharsets.UTF_8));
      return;
    }
    StringBuilder json = new StringBuilder("[");
    for (StoredFile file : transaction.files) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append("{\"id\":\"").append(file.id()).append("\",\"name\":\"").append(file.name())
          .append("\",\"posted_filename\":\"").append(jsonEscape(file.postedName()))
          .append("\",\"mimetype\":\"").append(file.mimetype().replace("/", "\\/"))
          .append("\",\"size\":\"").append(file.content().length)
          .append("\",\"sign\":\"\",\"code_pj\":\"").append(file.codePj()).append("\"}");
    }
    json.append(']');
    send(exchange, 200, "text/html", json.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void download(HttpExchange exchange, String fileId, String tampon) throws IOException {
    for (Transaction transaction : transactions.values()) {
      for (StoredFile file : transaction.files) {
        if (file.id().equals(fileId)) {
          boolean stamped = tampon != null && !tampon.isEmpty() && file.name().endsWith(".pdf");
          send(exchange, 200, file.mimetype(), stamped ? stamp(file.content()) : file.content());
          return;
        }
      }
    }
    exchange.getResponseHeaders().add("Location", "/");
    send(exchange, 302, "text/html", new byte[0]);
  }

  /** The « stamped » act: the original with a mark appended (the fake does not draw on PDFs). */
  private static byte[] stamp(byte[] pdf) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(pdf);
    out.writeBytes("\n% Reçu en préfecture le 16/06/2022\n".getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  /** An ARActe as the ministry sends it, ISO-8859-1, for what was posted. */
  private byte[] arActeXml(Transaction transaction, Post post, String nature, List<String> classification,
      String date) {
    String idActe = departement + "-" + siren + "-" + date.replace("-", "") + "-" + transaction.number + "-" + nature;
    StringBuilder xml = new StringBuilder();
    xml.append("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n");
    xml.append("<actes:ARActe xmlns:actes=\"").append(ACTES_NS).append("\" ")
        .append("xmlns:insee=\"http://xml.insee.fr/schema\" ")
        .append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
        .append("xsi:schemaLocation=\"").append(ACTES_NS).append(" actesv1_1.xsd\" ")
        .append("actes:IDActe=\"").append(idActe).append("\" actes:DateReception=\"").append(date).append("\">\n");
    xml.append("  <actes:ActeRecu actes:CodeNatureActe=\"").append(post.field("nature_code"))
        .append("\" actes:Date=\"").append(date).append("\" actes:NumeroInterne=\"").append(transaction.number)
        .append("\">\n");
    for (int i = 0; i < classification.size(); i++) {
      xml.append("    <actes:CodeMatiere").append(i + 1).append(" actes:CodeMatiere=\"").append(classification.get(i))
          .append("\"/>\n");
    }
    xml.append("    <actes:Objet>").append(xmlEscape(post.field("subject"))).append("</actes:Objet>\n");
    xml.append("    <actes:ClassificationDateVersion>2022-01-03</actes:ClassificationDateVersion>\n");
    xml.append("    <actes:Document>\n      <actes:NomFichier>").append(transaction.files.get(1).name())
        .append("</actes:NomFichier>\n    </actes:Document>\n");
    xml.append("    <actes:Annexes actes:Nombre=\"").append(transaction.files.size() - 2).append("\">\n");
    for (StoredFile annex : transaction.files.subList(2, transaction.files.size())) {
      xml.append("      <actes:Annexe>\n        <actes:NomFichier>").append(annex.name())
          .append("</actes:NomFichier>\n      </actes:Annexe>\n");
    }
    xml.append("    </actes:Annexes>\n");
    xml.append("  </actes:ActeRecu>\n");
    xml.append("  <actes:ClassificationDateVersionEnCours>2022-01-03</actes:ClassificationDateVersionEnCours>\n");
    xml.append("</actes:ARActe>\n");
    return xml.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  // ------------------------------------------------------------------------------------------
  // HTTP and PHP details

  /** « KO » as S²LOW's returnAndExit writes it for an API call. */
  private static void ko(HttpExchange exchange, String message) throws IOException {
    answer(exchange, "KO\n" + htmlspecialchars(message) + "\n");
  }

  /** An API answer, in ISO-8859-1 as S²LOW's mb_convert_encoding leaves it. */
  private static void answer(HttpExchange exchange, String text) throws IOException {
    send(exchange, 200, "text/html", text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  private static String htmlspecialchars(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("'", "&#039;").replace("<", "&lt;")
        .replace(">", "&gt;");
  }

  private static String xmlEscape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String jsonEscape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static boolean numeric(String value) {
    return value != null && value.matches("[0-9]+");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"?)([^\";]+)\\1");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  /** PHP's reading of multipart/form-data: bytes as they came, names and values ISO-8859-1. */
  private Post parseMultipart(String contentType, byte[] body) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    Map<String, List<Upload>> files = new LinkedHashMap<>();
    Matcher boundaryMatcher = contentType == null ? null : BOUNDARY.matcher(contentType);
    if (contentType == null || !contentType.startsWith("multipart/form-data") || !boundaryMatcher.find()) {
      violations.add("create: Content-Type " + contentType);
      return new Post(fields, files);
    }
    byte[] delimiter = ("--" + boundaryMatcher.group(2)).getBytes(StandardCharsets.ISO_8859_1);
    int position = indexOf(body, delimiter, 0);
    if (position < 0) {
      violations.add("create: no boundary in the body");
      return new Post(fields, files);
    }
    while (true) {
      int afterDelimiter = position + delimiter.length;
      if (afterDelimiter + 2 <= body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
        break;
      }
      int headersStart = afterDelimiter + 2; // CRLF
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      int next = indexOf(body, ("\r\n" + new String(delimiter, StandardCharsets.ISO_8859_1))
          .getBytes(StandardCharsets.ISO_8859_1), headersEnd);
      if (headersEnd < 0 || next < 0) {
        violations.add("create: truncated multipart body");
        break;
      }
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
      byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, next);
      Matcher name = NAME.matcher(headers);
      if (!name.find()) {
        violations.add("create: a part without a name");
      } else {
        Matcher fileName = FILENAME.matcher(headers);
        if (fileName.find()) {
          String partType = null;
          for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-type:")) {
              partType = line.substring("content-type:".length()).strip();
            }
          }
          files.computeIfAbsent(name.group(1), k -> new ArrayList<>())
              .add(new Upload(fileName.group(1), partType, content));
        } else {
          fields.computeIfAbsent(name.group(1), k -> new ArrayList<>())
              .add(new String(content, StandardCharsets.ISO_8859_1));
        }
      }
      position = next + 2;
    }
    return new Post(fields, files);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    if (from < 0) {
      return -1;
    }
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    return bytes.length >= p.length && java.util.Arrays.equals(bytes, 0, p.length, p, 0, p.length);
  }
}
