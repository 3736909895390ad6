package fr.comitia.legality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.HtmlUtils;
import org.w3c.dom.Element;

/**
 * The {@link PrefectureGateway} on S²LOW's ACTES HTTP API (the « API C » of the legacy PHP pages,
 * authenticated by the collectivity's client certificate). What it relies on, as S²LOW's sources
 * have it:
 *
 * <ul>
 *   <li>{@code POST /modules/actes/actes_transac_create.php}, multipart, {@code api=1}: fields
 *       {@code nature_code}, {@code classif1}…{@code classif5}, {@code number}, {@code decision_date}
 *       (yyyy-MM-dd), {@code subject}, {@code type_acte}, {@code type_pj[]} (one per annex, in order);
 *       files {@code acte_pdf_file} and {@code acte_attachments[]}. Answers « OK\n&lt;id&gt;\n » or
 *       « KO\n&lt;message&gt;\n », the message HTML-escaped and in ISO-8859-1. With {@code api=1}, S²LOW
 *       reads every field value and file name as ISO-8859-1 ({@code utf8_encode}): they are sent so.
 *   <li>{@code GET /modules/actes/actes_transac_get_status.php?transaction=&lt;id&gt;}: « OK\n&lt;code&gt;\n »
 *       then the return flow of that status (the ARActe XML for 4), or for -1 the error message; or
 *       « KO\n&lt;message&gt; ».
 *   <li>{@code GET /modules/actes/actes_transac_get_ARActe.php?id=&lt;id&gt;}: the ARActe alone, for a
 *       transaction that went past status 4 (archiving statuses: the status page then has no ARActe).
 *   <li>{@code GET /modules/actes/actes_transac_get_files_list.php?transaction=&lt;id&gt;} (JSON, once
 *       acknowledged) and {@code GET /modules/actes/actes_download_file.php?file=&lt;id&gt;&amp;tampon=true}:
 *       the act as stamped by S²LOW.
 * </ul>
 *
 * <p>Status codes (S²LOW's {@code actes_status}): -1 error, 0 cancelled, 1 posted, 2 waiting for
 * transmission, 3 transmitted, 4 acknowledgement received, 6 refused, 16 destroyed, 17 waiting to be
 * posted, 18 waiting for signature; 5, 7–15 and 19–22 come after the acknowledgement (documents,
 * archiving).
 *
 * <p>The SIREN and département of the message are not sent: S²LOW takes them from the account of
 * the certificate.
 */
public class S2lowGateway implements PrefectureGateway {

  private static final Logger log = LoggerFactory.getLogger(S2lowGateway.class);

  static final String CREATE_PATH = "/modules/actes/actes_transac_create.php";
  static final String STATUS_PATH = "/modules/actes/actes_transac_get_status.php";
  static final String ARACTE_PATH = "/modules/actes/actes_transac_get_ARActe.php";
  static final String FILES_LIST_PATH = "/modules/actes/actes_transac_get_files_list.php";
  static final String DOWNLOAD_PATH = "/modules/actes/actes_download_file.php";

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** Shown before S²LOW's own reason when it refuses a submission. */
  static final String REFUSAL_PREFIX = "S²LOW a refusé la transmission : ";

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final int SNIPPET = 200;
  private static final Pattern TRANSACTION_ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern MATIERE = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){0,4}");
  private static final Pattern BR = Pattern.compile("<br\\s*/?>", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * KO answers that speak of the account or the platform, not of the act: the certificate, the
   * rights of its user, the module. An operator fixes them, then the job's retry goes through.
   */
  private static final List<String> NOT_ABOUT_THE_ACT = List.of(
      "Échec de l'authentification",
      "Accès refusé",
      "Erreur d'initialisation du module",
      "La télétransmission nécessite un certificat RGS",
      "Mode « papier » actif");

  private final URI base;
  private final HttpClient http;

  /**
   * @param baseUrl S²LOW's address, e.g. {@code https://s2low.example.org}
   * @param sslContext holds the collectivity's client certificate (see {@link #clientSslContext})
   */
  public S2lowGateway(String baseUrl, SSLContext sslContext) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(sslContext, "sslContext");
    String trimmed = baseUrl.strip().replaceAll("/+$", "");
    URI uri = URI.create(trimmed);
    if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("S²LOW URL must be an absolute http(s) URL: " + baseUrl);
    }
    this.base = uri;
    this.http = HttpClient.newBuilder()
        .sslContext(sslContext)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /**
   * The gateway of profile {@code prod}: properties {@code comitia.prefecture.s2low.url},
   * {@code .keystore} and {@code .keystore-password} (PKCS#12 with the client certificate and its
   * key), {@code .truststore} and {@code .truststore-password} (optional: S²LOW's CA; the JDK's
   * trusted CAs when absent).
   */
  public static S2lowGateway withClientCertificate(String baseUrl, Path keystore, String keystorePassword,
      Path truststore, String truststorePassword) {
    return new S2lowGateway(baseUrl, clientSslContext(keystore, chars(keystorePassword), truststore,
        chars(truststorePassword)));
  }

  /**
   * A TLS context presenting the client certificate of {@code keystore} (PKCS#12, or any type the JDK
   * recognises) and trusting {@code truststore}'s certificates, or the JDK's when it is null. The
   * passwords never appear in an exception's message.
   */
  public static SSLContext clientSslContext(Path keystore, char[] keystorePassword, Path truststore,
      char[] truststorePassword) {
    Objects.requireNonNull(keystore, "keystore");
    KeyStore keys = load(keystore, keystorePassword, "client keystore");
    try {
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, keystorePassword == null ? new char[0] : keystorePassword);
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(truststore == null ? null : load(truststore, truststorePassword, "truststore"));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build the S²LOW TLS context from " + keystore + ": "
          + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, char[] password, String what) {
    if (!Files.isReadable(file)) {
      throw new IllegalStateException("S²LOW " + what + " not readable: " + file.toAbsolutePath());
    }
    try {
      return KeyStore.getInstance(file.toFile(), password == null ? new char[0] : password);
    } catch (IOException | GeneralSecurityException e) {
      // « keystore password was incorrect » and the like: the password itself is never in it.
      throw new IllegalStateException("Cannot open the S²LOW " + what + " " + file.toAbsolutePath() + ": "
          + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }
  }

  private static char[] chars(String password) {
    return password == null ? new char[0] : password.toCharArray();
  }

  // ---------------------------------------------------------------------------------------------
  // Submission

  @Override
  public Submission submit(ActesMessage message) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(message.act(), "act");
    Multipart body = new Multipart();
    body.field("api", "1");
    body.field("nature_code", required(message.natureCode(), "natureCode"));
    List<String> levels = classification(message.matiere());
    for (int i = 0; i < levels.size(); i++) {
      body.field("classif" + (i + 1), levels.get(i));
    }
    body.field("number", required(message.internalNumber(), "internalNumber"));
    body.field("decision_date",
        Objects.requireNonNull(message.decisionDate(), "decisionDate").format(DateTimeFormatter.ISO_LOCAL_DATE));
    body.field("subject", required(message.subject(), "subject"));
    body.field("type_acte", Objects.toString(message.act().typeCode(), ""));
    List<ActesFile> annexes = message.annexes() == null ? List.of() : message.annexes();
    for (ActesFile annex : annexes) {
      body.field("type_pj[]", Objects.toString(annex.typeCode(), ""));
    }
    body.file("acte_pdf_file", message.act());
    for (ActesFile annex : annexes) {
      body.file("acte_attachments[]", annex);
    }

    // api=1 in the query too: when the body exceeds PHP's post_max_size, S²LOW sees no POST field
    // and would answer with a redirection instead of its « KO » line.
    HttpRequest request = HttpRequest.newBuilder(uri(CREATE_PATH + "?api=1"))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "multipart/form-data; boundary=" + body.boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
        .build();
    Answer answer = send(request, "actes_transac_create.php");
    answer.requireOk();

    Lines lines = Lines.of(answer.body);
    if ("OK".equals(lines.first)) {
      String id = lines.line(1);
      if (!TRANSACTION_ID.matcher(id).matches()) {
        throw answer.unavailable("an OK answer without a transaction id");
      }
      log.info("S²LOW accepted act {} as transaction {}", message.internalNumber(), id);
      return Submission.accepted(id);
    }
    if ("KO".equals(lines.first)) {
      String reason = readable(lines.restAfter(0));
      if (reason.isEmpty() || NOT_ABOUT_THE_ACT.stream().anyMatch(reason::startsWith)) {
        throw answer.unavailable("a KO answer that is not about the act");
      }
      log.warn("S²LOW refused act {}: {}", message.internalNumber(), reason);
      return Submission.refused(REFUSAL_PREFIX + reason);
    }
    throw answer.unavailable("an answer that is neither OK nor KO");
  }

  /** « 1.4 » (or « 1.4 Autres types de contrats ») → [1, 4]. */
  static List<String> classification(String matiere) {
    String code = required(matiere, "matiere").strip().split("\\s+")[0];
    if (!MATIERE.matcher(code).matches()) {
      throw new IllegalArgumentException("Not an ACTES matière code (1 to 5 numeric levels): " + matiere);
    }
    return List.of(code.split("\\."));
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("ACTES message without " + name);
    }
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // Status

  @Override
  public Status status(String transactionId) {
    String id = Objects.requireNonNull(transactionId, "transactionId").strip();
    if (!TRANSACTION_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("Not an S²LOW transaction id: " + transactionId);
    }
    Answer answer = send(get(STATUS_PATH + "?transaction=" + id), "actes_transac_get_status.php");
    answer.requireOk();
    Lines lines = Lines.of(answer.body);
    if ("KO".equals(lines.first)) {
      throw answer.unavailable("a KO answer about transaction " + id);
    }
    if (!"OK".equals(lines.first)) {
      throw answer.unavailable("an answer that is neither OK nor KO");
    }
    int code;
    try {
      code = Integer.parseInt(lines.line(1));
    } catch (NumberFormatException e) {
      throw answer.unavailable("no status code");
    }
    // Kept as S²LOW gives it (the legal record), but for leading blanks: an XML declaration must come first.
    byte[] rest = trimLeading(lines.restAfter(1));
    boolean none = trim(rest).length == 0;
    switch (code) {
      case 1, 2, 3, 17, 18 -> {
        return Status.transmitted();
      }
      case 4 -> {
        byte[] arActe = none ? arActe(id) : rest;
        if (arActe == null) {
          throw answer.unavailable("status 4 (acknowledged) without the ARActe");
        }
        return acknowledged(id, arActe);
      }
      case 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22 -> {
        // Past the acknowledgement (documents, archiving): the status page has no ARActe any more.
        byte[] arActe = arActe(id);
        if (arActe == null) {
          throw answer.unavailable("status " + code + " (after the acknowledgement) but no ARActe from "
              + "actes_transac_get_ARActe.php");
        }
        return acknowledged(id, arActe);
      }
      case -1 -> {
        String reason = readable(rest);
        log.warn("S²LOW transaction {} in error: {}", id, reason);
        return Status.refused(reason.isEmpty()
            ? "S²LOW a signalé une erreur sur la transmission, sans message."
            : "S²LOW a signalé une erreur sur la transmission : " + reason);
      }
      case 6 -> {
        String details = none ? "" : details(trim(rest));
        log.warn("S²LOW transaction {} refused: {}", id, details);
        return Status.refused("La transmission a été refusée (S²LOW, statut « Refusé »)"
            + (details.isEmpty() ? "." : " : " + details));
      }
      case 0 -> {
        return Status.refused("La transmission a été annulée sur S²LOW (statut « Annulé »).");
      }
      case 16 -> {
        byte[] arActe = arActe(id);
        if (arActe != null) {
          return acknowledged(id, arActe);
        }
        return Status.refused("La transaction a été détruite sur S²LOW (statut « Détruite ») sans accusé "
            + "de réception.");
      }
      default -> throw answer.unavailable("an unknown status code " + code);
    }
  }

  private Status acknowledged(String id, byte[] arActe) {
    ArActe parsed = ArActe.parse(arActe);
    if (parsed == null) {
      throw new GatewayUnavailableException("S²LOW gave an unreadable ARActe for transaction " + id + ": "
          + snippet(arActe));
    }
    byte[] stamped = stampedAct(id);
    log.info("S²LOW transaction {} acknowledged: {} received {}", id, parsed.actesId, parsed.receivedAt);
    return new Status(State.ACKNOWLEDGED, parsed.actesId, parsed.receivedAt, null, arActe, stamped);
  }

  /** The ARActe of an acknowledged transaction, or null when S²LOW has none to give. */
  private byte[] arActe(String id) {
    Answer answer = send(get(ARACTE_PATH + "?id=" + id), "actes_transac_get_ARActe.php");
    answer.requireNoServerError();
    byte[] xml = trimLeading(answer.body);
    if (answer.status != 200 || xml.length == 0 || xml[0] != '<') {
      return null;
    }
    return xml;
  }

  /**
   * The act as S²LOW stamps it (« Reçu en préfecture le… »), or null when it gives none. A server
   * error is thrown, not taken for « none »: the acknowledgement would be recorded without it.
   */
  private byte[] stampedAct(String id) {
    Answer list = send(get(FILES_LIST_PATH + "?transaction=" + id), "actes_transac_get_files_list.php");
    list.requireNoServerError();
    String fileId = null;
    if (list.status == 200) {
      try {
        JsonNode files = JSON.readTree(list.body);
        if (files != null && files.isArray()) {
          for (JsonNode file : files) {
            if ("application/pdf".equals(file.path("mimetype").asText())) {
              fileId = file.path("id").asText();
              break;
            }
          }
        }
      } catch (IOException e) {
        // « KO\nPas d'acquittement recu » and other non-JSON answers: no stamped act.
      }
    }
    if (fileId == null || !TRANSACTION_ID.matcher(fileId).matches()) {
      log.warn("S²LOW gives no file list with a PDF for transaction {}: HTTP {} {}", id, list.status,
          snippet(list.body));
      return null;
    }
    Answer file = send(get(DOWNLOAD_PATH + "?file=" + fileId + "&tampon=true"), "actes_download_file.php");
    file.requireNoServerError();
    if (file.status != 200 || !startsWith(file.body, "%PDF")) {
      log.warn("S²LOW gives no stamped act for transaction {} (file {}): HTTP {} {}", id, fileId, file.status,
          snippet(file.body));
      return null;
    }
    return file.body;
  }

  /** The readable text of a refusal's return flow (XML or text), on one line, at most 1000 chars. */
  private static String details(byte[] flow) {
    String text;
    if (flow[0] == '<') {
      try {
        text = secureFactory().newDocumentBuilder().parse(new ByteArrayInputStream(flow))
            .getDocumentElement().getTextContent();
      } catch (Exception e) {
        text = decode(flow);
      }
    } else {
      text = decode(flow);
    }
    String line = SPACES.matcher(text).replaceAll(" ").strip();
    return line.length() > 1000 ? line.substring(0, 1000) + "…" : line;
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  private URI uri(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private HttpRequest get(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(REQUEST_TIMEOUT).GET().build();
  }

  private Answer send(HttpRequest request, String endpoint) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(endpoint, response.statusCode(), response.body() == null ? new byte[0] : response.body());
    } catch (HttpTimeoutException e) {
      throw new GatewayUnavailableException("S²LOW did not answer in time on " + endpoint + " (" + base.getHost()
          + "): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new GatewayUnavailableException("S²LOW unreachable on " + endpoint + " (" + base.getHost() + "): "
          + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GatewayUnavailableException("Interrupted while calling S²LOW on " + endpoint, e);
    }
  }

  /** An HTTP answer of S²LOW. */
  private record Answer(String endpoint, int status, byte[] body) {
    void requireOk() {
      if (status != 200) {
        throw unavailable("HTTP " + status);
      }
    }

    void requireNoServerError() {
      if (status >= 500) {
        throw unavailable("HTTP " + status);
      }
    }

    GatewayUnavailableException unavailable(String what) {
      return new GatewayUnavailableException("S²LOW answered " + endpoint + " with " + what + " (HTTP " + status
          + "): " + snippet(body));
    }
  }

  /** The first 200 characters of an answer, on one line. */
  static String snippet(byte[] body) {
    String text = decode(body).replaceAll("[\\r\\n\\t]+", " ").strip();
    return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
  }

  // ---------------------------------------------------------------------------------------------
  // S²LOW's answers: lines, encodings

  /** An answer cut at its first two line feeds, the rest kept as bytes (the ARActe is XML). */
  private record Lines(String first, byte[] body, int firstEnd, int secondEnd) {
    static Lines of(byte[] body) {
      int firstEnd = indexOf(body, (byte) '\n', 0);
      int secondEnd = firstEnd < 0 ? -1 : indexOf(body, (byte) '\n', firstEnd + 1);
      String first = decode(slice(body, 0, firstEnd < 0 ? body.length : firstEnd)).strip();
      return new Lines(first, body, firstEnd, secondEnd);
    }

    /** Line 1 (the second), stripped. */
    String line(int index) {
      if (index != 1 || firstEnd < 0) {
        return "";
      }
      return decode(slice(body, firstEnd + 1, secondEnd < 0 ? body.length : secondEnd)).strip();
    }

    /** What follows line {@code index} (0 or 1). */
    byte[] restAfter(int index) {
      int end = index == 0 ? firstEnd : secondEnd;
      return end < 0 ? new byte[0] : slice(body, end + 1, body.length);
    }
  }

  /** A message of S²LOW as people read it: decoded, HTML entities and line breaks undone. */
  static String readable(byte[] message) {
    String text = HtmlUtils.htmlUnescape(decode(message));
    text = BR.matcher(text).replaceAll(" ");
    return SPACES.matcher(text).replaceAll(" ").strip();
  }

  /**
   * S²LOW's API answers in ISO-8859-1 ({@code mb_convert_encoding}), except a few literal messages
   * echoed from its UTF-8 sources: UTF-8 when the bytes are valid UTF-8, ISO-8859-1 otherwise.
   */
  static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    byte[] slice = new byte[Math.max(0, to - from)];
    System.arraycopy(bytes, from, slice, 0, slice.length);
    return slice;
  }

  private static byte[] trimLeading(byte[] bytes) {
    int from = 0;
    while (from < bytes.length && (bytes[from] & 0xFF) <= ' ') {
      from++;
    }
    return from == 0 ? bytes : slice(bytes, from, bytes.length);
  }

  private static byte[] trim(byte[] bytes) {
    int from = 0;
    int to = bytes.length;
    while (from < to && (bytes[from] & 0xFF) <= ' ') {
      from++;
    }
    while (to > from && (bytes[to - 1] & 0xFF) <= ' ') {
      to--;
    }
    return from == 0 && to == bytes.length ? bytes : slice(bytes, from, to);
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (bytes[i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A value as S²LOW can read it: ISO-8859-1. The typographic characters outside it that an object
   * often holds get their usual ASCII form, any other becomes « ? » (S²LOW writes the ACTES message
   * in ISO-8859-1 anyway).
   */
  static byte[] latin1(String value) {
    String text = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(text.length());
    boolean lossy = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c <= 0xFF) {
        out.append((char) c);
        continue;
      }
      String replacement = switch (c) {
        case 0x2018, 0x2019, 0x201A, 0x2032 -> "'";
        case 0x201C, 0x201D, 0x201E, 0x2033 -> "\"";
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212 -> "-";
        case 0x2026 -> "...";
        case 0x0152 -> "OE";
        case 0x0153 -> "oe";
        case 0x20AC -> "EUR";
        case 0x2009, 0x200A, 0x202F, 0x2007 -> " ";
        case 0x2022 -> "-";
        default -> null;
      };
      if (replacement == null) {
        lossy = true;
        replacement = "?";
      }
      out.append(replacement);
    }
    if (lossy) {
      log.warn("Characters outside ISO-8859-1 replaced by « ? » for S²LOW: {}", value);
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A file name S²LOW keeps as it is: letters, digits, space, « . », « _ », « - »; others « _ ». */
  static String fileName(String name) {
    String base = name == null || name.isBlank() ? "document.pdf" : name.strip();
    base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder(base.length());
    for (char c : java.text.Normalizer.normalize(base, java.text.Normalizer.Form.NFC).toCharArray()) {
      boolean kept = c < 0x100 && (Character.isLetterOrDigit(c) || c == ' ' || c == '.' || c == '_' || c == '-');
      out.append(kept ? c : '_');
    }
    return out.toString();
  }

  private static String contentType(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pdf")) {
      return "application/pdf";
    }
    if (lower.endsWith(".xml")) {
      return "application/xml";
    }
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    return "application/octet-stream";
  }

  /** A multipart/form-data body, written by hand; names, values and file names in ISO-8859-1. */
  private static final class Multipart {
    final String boundary = "----ComitiaS2low" + HexFormat.of().formatHex(randomBytes());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void field(String name, String value) {
      head("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
      out.writeBytes(latin1(value));
      out.writeBytes(CRLF);
    }

    void file(String name, ActesFile file) {
      Objects.requireNonNull(file.content(), "content of " + file.fileName());
      String fileName = fileName(file.fileName());
      head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
          + "Content-Type: " + contentType(fileName) + "\r\n\r\n");
      out.writeBytes(file.content());
      out.writeBytes(CRLF);
    }

    byte[] bytes() {
      out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
      return out.toByteArray();
    }

    private void head(String headers) {
      out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(latin1(headers));
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static byte[] randomBytes() {
      byte[] bytes = new byte[12];
      new SecureRandom().nextBytes(bytes);
      return bytes;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // ARActe

  /** What the adapter reads of an ARActe: the ACTES id and the time of receipt. */
  record ArActe(String actesId, OffsetDateTime receivedAt) {

    /** The ARActe's IDActe and DateReception, or null when it is not a readable ARActe. */
    static ArActe parse(byte[] xml) {
      Element root;
      try (InputStream in = new ByteArrayInputStream(xml)) {
        root = secureFactory().newDocumentBuilder().parse(in).getDocumentElement();
      } catch (Exception e) {
        return null;
      }
      if (!"ARActe".equals(root.getLocalName())) {
        return null;
      }
      String id = attribute(root, "IDActe");
      String date = attribute(root, "DateReception");
      if (id.isEmpty() || date.isEmpty()) {
        return null;
      }
      OffsetDateTime receivedAt = receivedAt(date);
      return receivedAt == null ? null : new ArActe(id, receivedAt);
    }

    private static String attribute(Element element, String name) {
      String value = element.getAttributeNS(element.getNamespaceURI(), name);
      if (value == null || value.isEmpty()) {
        value = element.getAttribute(name);
      }
      return value == null ? "" : value.strip();
    }

    /** « 2022-06-16 » → that day at midnight in Paris; a date-time is taken as it says (Paris if no offset). */
    static OffsetDateTime receivedAt(String text) {
      try {
        if (text.contains("T")) {
          try {
            return OffsetDateTime.parse(text);
          } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text).atZone(PARIS).toOffsetDateTime();
          }
        }
        return LocalDate.parse(text, DateTimeFormatter.ISO_DATE).atStartOfDay(PARIS).toOffsetDateTime();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  private static DocumentBuilderFactory secureFactory() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory;
  }

  /** For the log lines of callers: never the certificate's password. */
  @Override
  public String toString() {
    return "S2lowGateway[" + base + "]";
  }
}
