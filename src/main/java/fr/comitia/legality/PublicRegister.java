package fr.comitia.legality;

import fr.comitia.document.DocumentStore;
import fr.comitia.platform.FrenchDates;
import fr.comitia.platform.PublicUrl;
import fr.comitia.register.AnnexFileRepository;
import fr.comitia.register.AnnexFileRepository.AnnexFile;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.register.PublicationRepository;
import fr.comitia.register.PublicationRepository.PublishedAct;
import fr.comitia.roster.Classification;
import fr.comitia.roster.Organisation;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The body's public register: what is online and nothing else. Every read starts from the
 * {@code publication} table, so an act not yet published (or a draft, or a rejected one) is never
 * shown, whatever id is asked for.
 */
@Service
public class PublicRegister {

  private final PublicationRepository publications;
  private final DocumentStore documents;
  private final AnnexFileRepository annexes;
  private final Organisation organisation;
  private final Classification classification;
  private final ScdlDeliberations scdl;
  private final PublicUrl publicUrl;
  private final fr.comitia.register.SessionRepository sessions;
  private final fr.comitia.register.MinutesRepository minutes;

  PublicRegister(PublicationRepository publications, DocumentStore documents, AnnexFileRepository annexes,
      Organisation organisation, Classification classification, ScdlDeliberations scdl, PublicUrl publicUrl,
      fr.comitia.register.SessionRepository sessions, fr.comitia.register.MinutesRepository minutes) {
    this.sessions = sessions;
    this.minutes = minutes;
    this.publications = publications;
    this.documents = documents;
    this.annexes = annexes;
    this.organisation = organisation;
    this.classification = classification;
    this.scdl = scdl;
    this.publicUrl = publicUrl;
  }

  /** A published act with what its public page shows. */
  public record Act(PublishedAct act, String bodyName, String matiereLabel, List<AnnexFile> annexes) {
    public String publishedOn() {
      return FrenchDates.dayAndTime(act.publishedAt());
    }

    public String sessionDay() {
      return act.sessionDate() == null ? null : FrenchDates.day(FrenchDates.parisDay(act.sessionDate()));
    }

    public String acknowledgedOn() {
      return act.acknowledgedAt() == null ? null : FrenchDates.day(FrenchDates.parisDay(act.acknowledgedAt()));
    }

    public String enforceableOn() {
      return act.enforceableAt() == null ? null : FrenchDates.day(FrenchDates.parisDay(act.enforceableAt()));
    }
  }

  /** The published acts, newest first, by words of the object, number and year (each optional). */
  public List<Act> search(String words, String number, Integer year) {
    return publications.published(blankToNull(words), blankToNull(number), year).stream()
        .map(a -> new Act(a, bodyName(a), matiereLabel(a), List.of())).toList();
  }

  public Optional<Act> act(String deliberationId) {
    return publications.published(deliberationId)
        .map(a -> new Act(a, bodyName(a), matiereLabel(a), annexes.list(deliberationId)));
  }

  /** The PDF as published (the signed extract), only if published. */
  public Optional<DocumentStore.Document> pdf(String deliberationId) {
    return publications.published(deliberationId).flatMap(a -> documents.find(a.documentId()));
  }

  /** An annex file of a published act. */
  public Optional<AnnexFile> annex(String deliberationId, long annexId) {
    return publications.published(deliberationId).flatMap(a -> annexes.find(deliberationId, annexId));
  }

  public Optional<byte[]> annexContent(String deliberationId, long annexId) {
    return annex(deliberationId, annexId).flatMap(a -> annexes.content(deliberationId, a.id()));
  }

  /** A session's list of deliberations, as online. */
  public record SessionList(String sessionId, String bodyName, String sessionDay, String publishedOn, String sha256) {}

  /** The published lists of deliberations, newest first. */
  public List<SessionList> lists() {
    return publications.publishedLists().stream().map(l -> {
      var session = sessions.find(l.sessionId()).orElseThrow();
      return new SessionList(l.sessionId(),
          organisation.body(session.bodyId()).map(Organisation.Body::name).orElse(session.bodyId()),
          FrenchDates.day(FrenchDates.parisDay(session.sessionDate())), FrenchDates.dayAndTime(l.publishedAt()),
          l.sha256());
    }).toList();
  }

  /** A session's list of deliberations, only once published. */
  public Optional<DocumentStore.Document> listPdf(String sessionId) {
    return publications.findList(sessionId).filter(l -> l.publishedAt() != null)
        .flatMap(l -> documents.find(l.documentId()));
  }

  /** The published minutes (L2121-15), signed by the president and the session's secretary, newest first. */
  public List<SessionList> minutes() {
    return minutes.published().stream().map(m -> {
      var session = sessions.find(m.sessionId()).orElseThrow();
      return new SessionList(m.sessionId(),
          organisation.body(session.bodyId()).map(Organisation.Body::name).orElse(session.bodyId()),
          FrenchDates.day(FrenchDates.parisDay(session.sessionDate())), FrenchDates.dayAndTime(m.publishedAt()),
          m.sha256());
    }).toList();
  }

  /** A session's signed minutes, only once published. */
  public Optional<DocumentStore.Document> minutesPdf(String sessionId) {
    return minutes.find(sessionId).filter(m -> m.publishedAt() != null && m.documentId() != null)
        .flatMap(m -> documents.find(m.documentId()));
  }

  /** The open-data file in the SCDL « Délibérations » schema: every published act. */
  public byte[] csv() {
    return scdl.csv(rows());
  }

  public byte[] json() {
    return scdl.json(rows());
  }

  public String organisationName() {
    return organisation.name();
  }

  List<ScdlDeliberations.Row> rows() {
    return publications.published(null, null, null).stream().map(this::row).toList();
  }

  private ScdlDeliberations.Row row(PublishedAct a) {
    String[] path = classification.matiere(a.matiere()).map(Classification.Matiere::path).orElse(a.matiere())
        .split(" / ");
    String matiereNom = path.length >= 2 ? ScdlDeliberations.matiereNom(path[0], path[1])
        : ScdlDeliberations.matiereNom(path[0], path[0]);
    boolean votes = a.votesFor() != null && a.inOffice() != null;
    Integer real = votes ? a.votesFor() + a.votesAgainst() + a.abstentions() : null;
    return new ScdlDeliberations.Row(organisation.name(), organisation.siret(), a.number(),
        a.sessionDate() == null ? null : FrenchDates.parisDay(a.sessionDate()),
        ScdlDeliberations.matiereCode(a.matiere()), matiereNom, a.object(), null, null,
        a.acknowledgedAt() == null || organisation.departement() == null ? null
            : ScdlDeliberations.prefId(organisation.departement()),
        a.acknowledgedAt() == null ? null : FrenchDates.parisDay(a.acknowledgedAt()),
        votes ? a.inOffice() : null, real, votes ? a.votesFor() : null, votes ? a.votesAgainst() : null,
        votes ? a.abstentions() : null, publicUrl.of(DeliberationRecords.publicPath(a.deliberationId())));
  }

  private String bodyName(PublishedAct a) {
    return organisation.body(a.bodyId()).map(Organisation.Body::name).orElse(a.bodyId());
  }

  private String matiereLabel(PublishedAct a) {
    return classification.matiere(a.matiere()).map(Classification.Matiere::path).orElse(null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
