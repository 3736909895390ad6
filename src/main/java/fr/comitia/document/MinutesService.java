package fr.comitia.document;

import fr.comitia.platform.FrenchDates;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecord.AttendanceLine;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.document.RollCallVotes.BallotGroup;
import fr.comitia.roster.Organisation;
import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Minutes (procès-verbal) of a session and the list of its deliberations, as PDF/A, produced when
 * the session closes: members present and represented, quorum, each item with its result and, for
 * a public vote by roll call, the names.
 */
@Service
public class MinutesService {

  /** Kinds of the session's documents in {@code comitia.document} (application/pdf). */
  public static final String MINUTES = "MINUTES";
  public static final String DELIBERATION_LIST = "DELIBERATION_LIST";

  private final SessionRecords sessions;
  private final DeliberationRecords deliberations;
  private final Organisation organisation;
  private final RollCallVotes rollCall;
  private final TemplateEngine templates;
  private final PdfRenderer renderer;
  private final DocumentStore store;
  private final fr.comitia.register.MinutesRepository minutesVotes;

  MinutesService(SessionRecords sessions, DeliberationRecords deliberations, Organisation organisation,
      RollCallVotes rollCall, TemplateEngine templates, PdfRenderer renderer, DocumentStore store,
      fr.comitia.register.MinutesRepository minutesVotes) {
    this.minutesVotes = minutesVotes;
    this.sessions = sessions;
    this.deliberations = deliberations;
    this.organisation = organisation;
    this.rollCall = rollCall;
    this.templates = templates;
    this.renderer = renderer;
    this.store = store;
  }

  /** The minutes ({@code "minutes"}) or the list of deliberations ({@code "deliberation-list"}) as HTML. */
  public String html(String sessionId, String template) {
    SessionRecord session = sessions.find(sessionId).orElseThrow();
    Context context = new Context(Locale.FRENCH);
    context.setVariable("s", session);
    context.setVariable("m", new SessionWording(session, organisation));
    context.setVariable("day", FrenchDates.inWords(session.sessionDate()
        .atZoneSameInstant(ExtractService.PARIS).toLocalDate()));
    context.setVariable("items", items(session));
    context.setVariable("approvals", approvals(sessionId));
    return templates.process("documents/" + template, context);
  }

  public byte[] minutesPdf(String sessionId) {
    return renderer.render(html(sessionId, "minutes"));
  }

  public byte[] deliberationListPdf(String sessionId) {
    return renderer.render(html(sessionId, "deliberation-list"));
  }

  /**
   * The session's closing sheet of the register (R2121-9): the numbers of the items voted, the members
   * present, room for their signatures; rendered from the register at each request.
   */
  public byte[] closingSheetPdf(String sessionId) {
    return renderer.render(html(sessionId, "closing-sheet"));
  }

  /** The minutes and the list as kept in the register once the session is closed. */
  public Optional<DocumentStore.Document> stored(String sessionId, String kind) {
    return store.latest("SESSION", sessionId, kind);
  }

  void store(String sessionId) {
    store.save("SESSION", sessionId, MINUTES, "proces-verbal-" + sessionId + ".pdf", "application/pdf",
        minutesPdf(sessionId), null, null);
    store.save("SESSION", sessionId, DELIBERATION_LIST, "liste-deliberations-" + sessionId + ".pdf",
        "application/pdf", deliberationListPdf(sessionId), null, null);
  }

  /**
   * « Le procès-verbal de la séance du 16 juin 2022 est approuvé (voix pour : 13 ; voix contre : 0 ;
   * abstentions : 0). », for each vote held at this session on earlier minutes (L2121-15).
   */
  private List<String> approvals(String sessionId) {
    return minutesVotes.votesAt(sessionId).stream().map(v -> {
      String day = sessions.find(v.minutesOfSessionId()).map(p -> FrenchDates.inWords(p.sessionDate()
          .atZoneSameInstant(ExtractService.PARIS).toLocalDate())).orElse(v.minutesOfSessionId());
      String verdict = switch (v.outcome()) {
        case "ADOPTED" -> " est approuvé";
        case "REJECTED" -> " n'est pas approuvé";
        default -> " est retiré de l'ordre du jour";
      };
      String figures = v.votesFor() == null ? "" : " (voix pour : " + v.votesFor() + " ; voix contre : "
          + v.votesAgainst() + " ; abstentions : " + v.abstentions() + ")";
      return "Le procès-verbal de la séance du " + day + verdict + figures + ".";
    }).toList();
  }

  private List<Item> items(SessionRecord session) {
    List<Item> items = new ArrayList<>();
    for (SessionRecord.AgendaItem a : session.agenda()) {
      DeliberationRecord d = deliberations.find(a.deliberationId()).orElse(null);
      DeliberationRecord.Vote vote = d == null ? null : d.vote();
      // The record's vote is the one of its last session; this session's figures are those of the agenda.
      boolean votedHere = d != null && d.session() != null && session.id().equals(d.session().id());
      items.add(new Item(a.position(), a.number(), a.object(),
          d == null || d.rapporteur() == null ? null : d.rapporteur().fullName(), a.outcome(),
          outcomeLabel(a.outcome()), a.votesFor(), a.votesAgainst(), a.abstentions(), a.notParticipating(),
          a.votesFor() == null || a.votesAgainst() == null ? null : a.votesFor() + a.votesAgainst(),
          votedHere && vote != null && vote.secretBallot(),
          votedHere && vote != null && vote.presidingVote() != null && vote.votesFor() != null
              && vote.votesFor().equals(vote.votesAgainst()) ? presidingVoteLabel(vote.presidingVote()) : null,
          rollCall.groups(a.deliberationId(), session.id()),
          votedHere ? d.interestedMembers().stream().map(ExtractService.Wording::interestedSentence).toList()
              : List.of(),
          votedHere && vote != null ? ExtractService.Wording.paragraphs(vote.debateSummary()) : List.of()));
    }
    return items;
  }

  static String outcomeLabel(String outcome) {
    if (outcome == null) {
      return "Non votée";
    }
    return switch (outcome) {
      case "ADOPTED" -> "Adoptée";
      case "REJECTED" -> "Rejetée";
      case "WITHDRAWN" -> "Retirée ou ajournée";
      default -> outcome;
    };
  }

  private static String presidingVoteLabel(String vote) {
    return switch (vote) {
      case "FOR" -> "pour";
      case "AGAINST" -> "contre";
      default -> "abstention";
    };
  }

  /** One item of the agenda as the minutes print it. */
  public record Item(int position, String number, String object, String rapporteur, String outcome,
      String outcomeLabel, Integer votesFor, Integer votesAgainst, Integer abstentions, Integer notParticipating,
      Integer suffragesExprimes, boolean secretBallot, String presidingVote, List<BallotGroup> ballots,
      List<String> interested, List<String> debate) {

    public boolean voted() {
      return "ADOPTED".equals(outcome) || "REJECTED".equals(outcome);
    }

    /** « Scrutin public : ont voté pour : … » (CGCT L2121-21), or null. */
    public String rollCall() {
      return RollCallVotes.sentence(ballots);
    }
  }

  /** The sentences of the minutes and of the list. */
  public static final class SessionWording {
    private final SessionRecord s;
    private final Organisation.Body body;
    private final Organisation organisation;

    SessionWording(SessionRecord s, Organisation organisation) {
      this.s = s;
      this.organisation = organisation;
      this.body = organisation.body(s.bodyId()).orElseThrow();
    }

    public String getOrganisationTitle() {
      return ExtractService.Wording.guillemets(organisation.name().toUpperCase(Locale.FRENCH));
    }

    /** « PROCÈS-VERBAL DE LA SÉANCE DU COMITÉ SYNDICAL » */
    public String getMinutesTitle() {
      return ("Procès-verbal de la séance du " + body.assemblyName()).toUpperCase(Locale.FRENCH);
    }

    /** « FEUILLET DE CLÔTURE DE LA SÉANCE DU COMITÉ SYNDICAL » */
    public String getClosingSheetTitle() {
      return ("Feuillet de clôture de la séance du " + body.assemblyName()).toUpperCase(Locale.FRENCH);
    }

    /** « LISTE DES DÉLIBÉRATIONS DE LA SÉANCE DU COMITÉ SYNDICAL » */
    public String getListTitle() {
      return ("Liste des délibérations de la séance du " + body.assemblyName()).toUpperCase(Locale.FRENCH);
    }

    /** « Séance du jeudi seize juin deux mille vingt-deux » */
    public String getDayTitle() {
      return "Séance du " + FrenchDates.withWeekdayInWords(s.sessionDate()
          .atZoneSameInstant(ExtractService.PARIS).toLocalDate());
    }

    /** « Le seize juin deux mille vingt-deux, à 10 h 00, le comité syndical du … s'est réuni à …, sur convocation … » */
    public String getSessionSentence() {
      var date = s.sessionDate().atZoneSameInstant(ExtractService.PARIS);
      StringBuilder text = new StringBuilder("Le ")
          .append(FrenchDates.inWords(date.toLocalDate()))
          .append(", à ").append(FrenchDates.time(date.toLocalTime()))
          .append(", le ").append(body.assemblyName()).append(" du ")
          .append(organisation.name().replace("« ", "").replace(" »", ""))
          .append(" s'est réuni à ").append(s.place());
      if (s.convocationDate() != null) {
        text.append(", sur convocation en date du ").append(FrenchDates.inWords(s.convocationDate()));
      }
      if (s.presidingMember() != null) {
        text.append(", sous la présidence de ").append(s.presidingMember().fullName());
      }
      return text.append('.').toString();
    }

    public String getUrgency() {
      return s.urgent() ? "Convocation en urgence (CGCT L2121-11) : " + s.urgencyReason() : null;
    }

    /**
     * The members present in person, by videoconference (« Mme X (par visioconférence) ») and through
     * their substitute (« M. Y, suppléant de M. X »), in the order of the attendance table.
     */
    public List<String> getPresent() {
      return s.attendance() == null ? List.of() : s.attendance().members().stream()
          .filter(AttendanceLine::seated).map(AttendanceLine::seatName).toList();
    }

    /** The members present by videoconference (« Présents par visioconférence : … »). */
    public List<String> getRemote() {
      return lines("REMOTE", null);
    }

    /** « M. Patrick CARPENTIER, suppléant de M. André FIGOUREUX » for each substituted seat. */
    public List<String> getSubstitutes() {
      return s.attendance() == null ? List.of() : s.attendance().members().stream()
          .filter(l -> l.substituteId() != null).map(AttendanceLine::seatName).toList();
    }

    /** « M. Arnaud DECAGNY, pouvoir à Mme BIEGALSKI » */
    public List<String> getRepresented() {
      return s.attendance() == null ? List.of() : s.attendance().members().stream()
          .filter(l -> l.proxyHolderId() != null)
          .map(l -> l.fullName() + ", pouvoir à " + l.proxyHolderShortName()).toList();
    }

    public List<String> getExcused() {
      return lines("EXCUSED", false);
    }

    public List<String> getAbsent() {
      return lines("ABSENT", false);
    }

    private List<String> lines(String status, Boolean withProxy) {
      return s.attendance() == null ? List.of() : s.attendance().members().stream()
          .filter(l -> l.status().equals(status))
          .filter(l -> "REMOTE".equals(status) || !l.seated())
          .filter(l -> withProxy == null || (l.proxyHolderId() != null) == withProxy)
          .map(AttendanceLine::fullName).toList();
    }

    /**
     * « Membres en exercice : 22 ; présents : 7 ; représentés : 6 ; excusés : 9 ; absents : 0. », the
     * same counts as the lists below: a member who gave a proxy is counted once, as represented.
     */
    public String getTotals() {
      var a = s.attendance();
      return a == null ? null : "Membres en exercice : " + a.inOffice() + " ; présents : " + getPresent().size()
          + " ; représentés : " + getRepresented().size() + " ; excusés : " + getExcused().size() + " ; absents : "
          + getAbsent().size() + ".";
    }

    public String getPresidentTitle() {
      return body.presidentTitle();
    }

    public String getPresident() {
      return organisation.member(body.presidentId()).map(Organisation.Member::fullName).orElse(body.presidentId());
    }
  }
}
