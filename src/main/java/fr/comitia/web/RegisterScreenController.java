package fr.comitia.web;

import fr.comitia.evidence.EvidenceJournal;
import fr.comitia.mail.MailService;
import fr.comitia.platform.FrenchDates;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.register.DeliberationStatus;
import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import fr.comitia.roster.Groups;
import fr.comitia.roster.Organisation;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The register's screen for the direction and the secretariat (server-rendered, in French, read
 * with the Tasklist session): the deliberations by year, status and body with a full-text search,
 * each act's record (documents, notifications and acknowledgements, transmission, publication), the
 * sessions with their documents, the proof of each convocation (the SMTP server's answer) and the
 * minutes; a list exported as CSV.
 */
@Controller
@RequestMapping("/api/registre")
class RegisterScreenController {

  private final DeliberationRecords deliberations;
  private final SessionRecords sessions;
  private final MailService mail;
  private final Organisation organisation;
  private final CurrentUser currentUser;

  private final EvidenceJournal journal;
  private final org.springframework.beans.factory.ObjectProvider<fr.comitia.platform.TimestampAuthority> authority;

  RegisterScreenController(DeliberationRecords deliberations, SessionRecords sessions, MailService mail,
      Organisation organisation, CurrentUser currentUser, EvidenceJournal journal,
      org.springframework.beans.factory.ObjectProvider<fr.comitia.platform.TimestampAuthority> authority) {
    this.journal = journal;
    this.authority = authority;
    this.deliberations = deliberations;
    this.sessions = sessions;
    this.mail = mail;
    this.organisation = organisation;
    this.currentUser = currentUser;
  }

  /** The filters of a list, as the form and the CSV link carry them. */
  public record Filters(Integer year, String status, String body, String words) {
    /** The CSV export of the same list. */
    public String csvLink() {
      String query = query();
      return "/api/registre/deliberations.csv" + (query.isEmpty() ? "" : "?" + query);
    }

    public String query() {
      List<String> parts = new ArrayList<>();
      if (year != null) {
        parts.add("annee=" + year);
      }
      if (status != null) {
        parts.add("statut=" + status);
      }
      if (body != null) {
        parts.add("assemblee=" + body);
      }
      if (words != null) {
        parts.add("q=" + java.net.URLEncoder.encode(words, StandardCharsets.UTF_8));
      }
      return String.join("&", parts);
    }
  }

  @GetMapping
  String list(@RequestParam(required = false) String annee, @RequestParam(required = false) String statut,
      @RequestParam(required = false) String assemblee, @RequestParam(required = false) String q, Model model) {
    check();
    Filters filters = filters(annee, statut, assemblee, q);
    common(model);
    model.addAttribute("filters", filters);
    model.addAttribute("rows", rows(filters));
    model.addAttribute("statuses", Arrays.stream(DeliberationStatus.values()).toList());
    model.addAttribute("bodies", organisation.bodies());
    return "web/screen-list";
  }

  @GetMapping(value = "/deliberations.csv")
  ResponseEntity<byte[]> csv(@RequestParam(required = false) String annee, @RequestParam(required = false) String statut,
      @RequestParam(required = false) String assemblee, @RequestParam(required = false) String q) {
    check();
    StringBuilder csv = new StringBuilder("numero;date_seance;assemblee;objet;statut;vote_pour;vote_contre;"
        + "abstentions;executoire_le\r\n");
    for (DeliberationRecord d : rows(filters(annee, statut, assemblee, q))) {
      csv.append(cell(d.number())).append(';')
          .append(d.session() == null ? "" : FrenchDates.parisDay(d.session().date())).append(';')
          .append(cell(d.body().name())).append(';').append(cell(d.object())).append(';')
          .append(cell(d.statusLabel())).append(';')
          .append(d.vote() == null || d.vote().votesFor() == null ? "" : d.vote().votesFor()).append(';')
          .append(d.vote() == null || d.vote().votesAgainst() == null ? "" : d.vote().votesAgainst()).append(';')
          .append(d.vote() == null || d.vote().abstentions() == null ? "" : d.vote().abstentions()).append(';')
          .append(d.enforceableAt() == null ? "" : FrenchDates.parisDay(d.enforceableAt())).append("\r\n");
    }
    // A BOM, so that a spreadsheet opens the accents right.
    byte[] body = ("\uFEFF" + csv).getBytes(StandardCharsets.UTF_8);
    return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("registre.csv").build()
            .toString())
        .body(body);
  }

  @GetMapping("/deliberations/{id}")
  String deliberation(@PathVariable String id, Model model) {
    check();
    DeliberationRecord record = deliberations.find(id).orElseThrow(() ->
        ApiException.notFound("Délibération « " + id + " » introuvable."));
    common(model);
    model.addAttribute("d", record);
    model.addAttribute("mails", mail.forDeliberation(id));
    model.addAttribute("journal", journal.forDeliberation(id));
    return "web/screen-deliberation";
  }

  @GetMapping("/seances")
  String sessions(Model model) {
    check();
    common(model);
    List<SessionRecord> all = new ArrayList<>();
    organisation.bodies().forEach(b -> all.addAll(sessions.list(b.id())));
    all.sort(Comparator.comparing(SessionRecord::sessionDate).reversed());
    model.addAttribute("sessions", all);
    return "web/screen-sessions";
  }

  @GetMapping("/seances/{id}")
  String session(@PathVariable String id, Model model) {
    check();
    SessionRecord session = sessions.find(id).orElseThrow(() -> ApiException.notFound("Séance « " + id
        + " » introuvable."));
    common(model);
    model.addAttribute("s", session);
    model.addAttribute("convocations", mail.forSession(id).stream().filter(m -> m.kind().equals("CONVOCATION"))
        .toList());
    model.addAttribute("journal", journal.forSession(id));
    return "web/screen-session";
  }

  /** The whole journal checked (chain and tokens), with its latest entries. */
  @GetMapping("/journal")
  String journal(Model model) {
    check();
    common(model);
    model.addAttribute("check", journal.verify());
    var authorityNow = authority.getIfAvailable();
    model.addAttribute("authority", authorityNow == null ? "aucune autorité d'horodatage configurée" : authorityNow.name());
    model.addAttribute("entries", journal.latest(200));
    return "web/screen-journal-check";
  }

  private void common(Model model) {
    model.addAttribute("organisation", organisation.name());
    model.addAttribute("dates", new Dates());
  }

  /** Dates as people read them: « jeudi 16 juin 2022 à 10 h 00 ». */
  public static final class Dates {
    public String at(OffsetDateTime instant) {
      return instant == null ? "—" : FrenchDates.dayAndTime(instant);
    }

    public String at(java.time.Instant instant) {
      return instant == null ? "—" : FrenchDates.dayAndTime(instant.atOffset(java.time.ZoneOffset.UTC));
    }

    public String day(OffsetDateTime instant) {
      return instant == null ? "—" : FrenchDates.day(FrenchDates.parisDay(instant));
    }
  }

  private List<DeliberationRecord> rows(Filters f) {
    String words = f.words() == null ? null : fold(f.words());
    return deliberations.list(f.year(), f.status(), f.body()).stream()
        .filter(d -> words == null || fold(text(d)).contains(words))
        .sorted(Comparator.comparing((DeliberationRecord d) -> d.createdAt()).reversed())
        .toList();
  }

  /** What the full-text search reads: number, object, preamble, visas, articles. */
  private static String text(DeliberationRecord d) {
    StringBuilder text = new StringBuilder().append(d.number()).append(' ').append(d.object()).append(' ')
        .append(d.preamble());
    if (d.visas() != null) {
      d.visas().forEach(v -> text.append(' ').append(v));
    }
    if (d.articles() != null) {
      d.articles().forEach(a -> text.append(' ').append(a.verb()).append(' ').append(a.text()));
    }
    return text.toString();
  }

  static String fold(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.FRENCH);
  }

  private Filters filters(String annee, String statut, String assemblee, String q) {
    Integer year = null;
    if (annee != null && !annee.isBlank()) {
      if (!annee.strip().matches("\\d{4}")) {
        throw ApiException.badRequest("L'année « " + annee + " » s'écrit sur quatre chiffres (par exemple 2022).");
      }
      year = Integer.parseInt(annee.strip());
    }
    String status = statut == null || statut.isBlank() ? null : statut.strip();
    if (status != null && Arrays.stream(DeliberationStatus.values()).noneMatch(s -> s.name().equals(status))) {
      throw ApiException.badRequest("Statut « " + statut + " » inconnu.");
    }
    String body = assemblee == null || assemblee.isBlank() ? null : assemblee.strip();
    if (body != null && organisation.body(body).isEmpty()) {
      throw ApiException.badRequest("Assemblée « " + assemblee + " » inconnue.");
    }
    String words = q == null || q.isBlank() ? null : q.strip();
    if (words != null && words.length() > 200) {
      throw ApiException.badRequest("La recherche est trop longue (200 caractères au plus).");
    }
    return new Filters(year, status, body, words);
  }

  private static String cell(String value) {
    if (value == null) {
      return "";
    }
    return value.contains(";") || value.contains("\"") || value.contains("\n")
        ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  private void check() {
    requireRegisterReader(currentUser);
  }

  /** The register screen and the evidence journal: the direction, the secretariat and the administrators. */
  static void requireRegisterReader(CurrentUser currentUser) {
    if (!currentUser.inGroup(Groups.DIRECTOR) && !currentUser.inGroup(Groups.SECRETARIAT)
        && !currentUser.inGroup(Groups.ADMIN)) {
      throw ApiException.forbidden("Accès refusé : l'écran du registre et le journal des preuves sont réservés à la "
          + "direction et au secrétariat des assemblées.");
    }
  }
}
