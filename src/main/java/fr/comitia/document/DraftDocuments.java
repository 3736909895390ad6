package fr.comitia.document;

import fr.comitia.register.DeliberationRepository;
import fr.comitia.platform.FrenchDates;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.roster.Organisation;
import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The documents sent before a session, as PDF/A, each built once per version and kept in the register: each draft deliberation (« Projet de
 * délibération ») and the convocation with its agenda, for the convocation mail.
 */
@Service
public class DraftDocuments {

  private final DeliberationRecords deliberations;
  private final SessionRecords sessions;
  private final Organisation organisation;
  private final DeliberationRepository repository;
  private final TemplateEngine templates;
  private final PdfRenderer renderer;
  private final DocumentStore store;

  DraftDocuments(DeliberationRecords deliberations, SessionRecords sessions, Organisation organisation,
      DeliberationRepository repository, TemplateEngine templates, PdfRenderer renderer, DocumentStore store) {
    this.store = store;
    this.deliberations = deliberations;
    this.sessions = sessions;
    this.organisation = organisation;
    this.repository = repository;
    this.templates = templates;
    this.renderer = renderer;
  }

  /** « Projet de délibération »: object, rapporteur, note, preamble, visas, proposal, articles, annexes. */
  public byte[] draftPdf(String deliberationId) {
    return store.builtOnce("DELIBERATION", deliberationId, "DRAFT_PDF", "projet-" + deliberationId + ".pdf",
        draftHtml(deliberationId), renderer::render);
  }

  public String draftHtml(String deliberationId) {
    DeliberationRecord record = deliberations.find(deliberationId).orElseThrow();
    Context context = new Context(Locale.FRENCH);
    context.setVariable("r", record);
    context.setVariable("x", new ExtractService.Wording(record));
    context.setVariable("note", ExtractService.Wording.paragraphs(note(repository.find(deliberationId).orElseThrow())));
    context.setVariable("sessionDay", record.session() == null ? null : dayAndHour(record.session().date()
        .atZoneSameInstant(ExtractService.PARIS)));
    return templates.process("documents/draft", context);
  }

  /**
   * The convocation of a session: assembly, date and hour in French, place, each item of the agenda
   * with its object, rapporteur and explanatory note, the president's signature, the urgency and
   * its reason if any, and « sans condition de quorum » on reconvocation.
   */
  public byte[] convocationPdf(String sessionId) {
    return store.builtOnce("SESSION", sessionId, "CONVOCATION_PDF", "convocation-" + sessionId + ".pdf",
        convocationHtml(sessionId), renderer::render);
  }

  /** The items of a session's agenda as the convocation prints them: object, rapporteur, explanatory note. */
  public List<ConvocationItem> items(String sessionId) {
    return items(sessions.find(sessionId).orElseThrow());
  }

  /** One read of each draft's row (object, rapporteur, note, preamble), not its whole record. */
  private List<ConvocationItem> items(SessionRecord session) {
    List<ConvocationItem> items = new ArrayList<>();
    for (SessionRecord.AgendaItem a : session.agenda()) {
      DeliberationRepository.Row d = repository.find(a.deliberationId()).orElseThrow();
      items.add(new ConvocationItem(a.position(), d.object(), d.rapporteurId() == null ? null
          : organisation.member(d.rapporteurId()).map(Organisation.Member::fullName).orElse(d.rapporteurId()),
          ExtractService.Wording.paragraphs(note(d))));
    }
    return items;
  }

  public String convocationHtml(String sessionId) {
    SessionRecord session = sessions.find(sessionId).orElseThrow();
    Organisation.Body body = organisation.body(session.bodyId()).orElseThrow();
    List<ConvocationItem> items = items(session);
    ZonedDateTime date = session.sessionDate().atZoneSameInstant(ExtractService.PARIS);
    String assembly = body.assemblyName();
    Context context = new Context(Locale.FRENCH);
    context.setVariable("s", session);
    context.setVariable("items", items);
    context.setVariable("organisationTitle",
        ExtractService.Wording.guillemets(organisation.name().toUpperCase(Locale.FRENCH)));
    context.setVariable("title", ("Convocation du " + assembly).toUpperCase(Locale.FRENCH));
    context.setVariable("sentence", "J'ai l'honneur de vous convoquer à la séance du " + assembly + " du "
        + organisation.name().replace("« ", "").replace(" »", "") + " qui se tiendra le " + dayAndHour(date)
        + ", à " + session.place() + ".");
    context.setVariable("reconvened", !session.quorumRequired());
    context.setVariable("reconvocationSentence", "Le quorum n'ayant pas été atteint lors de la précédente réunion, "
        + "le " + assembly + " est à nouveau convoqué avec le même ordre du jour ; il délibérera valablement "
        + "sans condition de quorum (CGCT L2121-17).");
    context.setVariable("convokedOn", session.convocationDate() == null ? null
        : "Fait le " + FrenchDates.inWords(session.convocationDate()) + ".");
    context.setVariable("presidentTitle", body.presidentTitle());
    context.setVariable("president",
        organisation.member(body.presidentId()).map(Organisation.Member::fullName).orElse(body.presidentId()));
    return templates.process("documents/convocation", context);
  }

  /** « jeudi seize juin deux mille vingt-deux à 10 h 00 » */
  static String dayAndHour(ZonedDateTime date) {
    return FrenchDates.withWeekdayInWords(date.toLocalDate()) + " à " + FrenchDates.time(date.toLocalTime());
  }

  /** The explanatory note of a draft; its preamble's first paragraph when it has none. */
  private static String note(DeliberationRepository.Row row) {
    if (row.note() != null && !row.note().isBlank()) {
      return row.note();
    }
    List<String> preamble = ExtractService.Wording.paragraphs(row.preamble());
    return preamble.isEmpty() ? null : preamble.get(0);
  }

  /** One item of the agenda in the convocation. */
  public record ConvocationItem(int position, String object, String rapporteur, List<String> note) {}
}
