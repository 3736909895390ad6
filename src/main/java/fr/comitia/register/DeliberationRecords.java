package fr.comitia.register;

import fr.comitia.platform.PublicUrl;
import fr.comitia.platform.FrenchDates;
import fr.comitia.register.DeliberationRecord.*;
import fr.comitia.roster.BodyDirectory;
import fr.comitia.roster.Classification;
import fr.comitia.roster.BodyDirectory.Seat;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads whole records of the register (draft, session, roll call, quorum, vote, signature,
 * notifications), from the register's repositories; names and the order of the attendance table
 * come from the roster ({@link BodyDirectory}: the members in office on the day of the sitting).
 */
@Service
public class DeliberationRecords {

  private final DeliberationRepository repository;
  private final SessionRepository sessions;
  private final NotificationRepository notifications;
  private final Organisation organisation;
  private final BodyDirectory directory;
  private final Classification classification;
  private final AnnexFileRepository annexFiles;
  private final TransmissionRepository transmissions;
  private final PublicationRepository publications;
  private final PublicUrl publicUrl;

  DeliberationRecords(DeliberationRepository repository, SessionRepository sessions,
      NotificationRepository notifications, Organisation organisation, BodyDirectory directory,
      Classification classification, AnnexFileRepository annexFiles, TransmissionRepository transmissions,
      PublicationRepository publications, PublicUrl publicUrl) {
    this.transmissions = transmissions;
    this.publications = publications;
    this.publicUrl = publicUrl;
    this.classification = classification;
    this.annexFiles = annexFiles;
    this.repository = repository;
    this.sessions = sessions;
    this.notifications = notifications;
    this.organisation = organisation;
    this.directory = directory;
  }

  public Optional<DeliberationRecord> find(String id) {
    return repository.find(id).map(this::record);
  }

  public List<DeliberationRecord> list(Integer year, String status, String bodyId) {
    return repository.list(year, status, bodyId).stream().map(this::record).toList();
  }

  private DeliberationRecord record(DeliberationRepository.Row row) {
    Draft draft = repository.draft(row);
    Body body = organisation.body(row.bodyId()).orElseThrow();
    BodyInfo bodyInfo = new BodyInfo(body.id(), body.name(), body.assemblyName(), body.presidentTitle(),
        person(body.presidentId()));
    SessionInfo session = null;
    Attendance attendance = null;
    Quorum quorum = null;
    Vote vote = null;
    List<Person> interested = List.of();
    if (row.sessionId() != null) {
      SessionRepository.Row s = sessions.find(row.sessionId()).orElseThrow();
      session = new SessionInfo(s.id(), s.sessionDate(), s.place(), s.convocationDate(), s.urgent(),
          s.urgencyReason(), !s.quorumRequired(), person(s.presidingMemberId()), person(s.sessionSecretaryId()),
          position(sessions.agenda(s.id()), row.id()));
      attendance = attendance(s, s.sitting());
      quorum = quorum(s.id(), s.sitting(), body);
      vote = sessions.vote(row.id(), s.id()).orElse(null);
      Map<String, Seat> seats = seats(s);
      interested = inTableOrder(sessions.interested(row.id(), s.id()), m -> m, seats).stream()
          .map(m -> seated(m, seats)).toList();
    }
    Signature signature = row.signedAt() == null ? null
        : new Signature(row.signedBy(), person(row.signedBy()) == null ? null : person(row.signedBy()).fullName(),
            row.signedAt(), row.signerSubject());
    List<PartnerNotification> partners = notifications.forDeliberation(row.id()).stream()
        .map(n -> new PartnerNotification(n.id(), n.partnerId(), n.name(), n.email(), n.notifiedAt(), n.reminders(),
            n.acknowledgedAt(), n.acknowledgedBy()))
        .toList();
    List<Review> reviews = repository.reviews(row.id()).stream()
        .map(r -> new Review(r.reviewerId(), r.approved(), r.comment(), r.reviewedAt())).toList();
    DeliberationStatus status = DeliberationStatus.valueOf(row.status());
    return new DeliberationRecord(row.id(), row.number(), status.name(), status.label(), organisation.name(),
        bodyInfo, draft.object(), person(draft.rapporteurId()), draft.preamble(), draft.visas(), draft.proposal(),
        draft.articles(), draft.annexes(), reviews, session, attendance, quorum, vote, signature, partners,
        row.processInstanceId(), row.createdAt(), draft.nature(),
        classification.nature(draft.nature()).map(Classification.Nature::label).orElse(null), draft.matiere(),
        classification.matiere(draft.matiere()).map(Classification.Matiere::path).orElse(null),
        annexFiles.list(row.id()).stream()
            .map(a -> new AnnexFileInfo(a.id(), a.title(), a.sha256(), a.size())).toList(),
        transmissions.latest(row.id()).map(t -> new DeliberationRecord.Transmission(t.status(), t.actesId(),
            t.transmittedAt(), t.acknowledgedAt(), t.refusal(), t.attempt(), t.gateway())).orElse(null),
        publications.find(row.id()).map(p -> new DeliberationRecord.Publication(
            publicUrl.of(publicPath(row.id())), p.publishedAt(), p.sha256(), p.author(), p.authorOffice()))
            .orElse(null),
        row.enforceableAt(), interested);
  }

  private static Integer position(List<String> agenda, String deliberationId) {
    int index = agenda.indexOf(deliberationId);
    return index < 0 ? null : index + 1;
  }

  /** The act's page on the public register (no login), once published. */
  public static String publicPath(String deliberationId) {
    return "/registre/actes/" + deliberationId;
  }

  /** The roll call of a sitting, in the order of the attendance table; null before the roll call. */
  public Attendance attendance(String sessionId, int sitting) {
    return sessions.find(sessionId).map(s -> attendance(s, sitting)).orElse(null);
  }

  private Attendance attendance(SessionRepository.Row session, int sitting) {
    List<AttendanceEntry> entries = sessions.attendance(session.id(), sitting);
    if (entries.isEmpty()) {
      return null;
    }
    Map<String, Seat> seats = seats(session);
    List<AttendanceLine> lines = inTableOrder(entries, AttendanceEntry::memberId, seats).stream()
        .map(e -> {
          Person p = seated(e.memberId(), seats);
          Person holder = e.proxyHolderId() == null ? null : seated(e.proxyHolderId(), seats);
          Person substitute = e.substituted() ? person(e.substituteId()) : null;
          return new AttendanceLine(e.memberId(), p.civility(), p.firstName(), p.lastName(),
              collectivity(e.memberId(), seats), e.status().name(), e.proxyHolderId(),
              holder == null ? null : holder.shortName(), substitute == null ? null : substitute.id(),
              substitute == null ? null : substitute.fullName());
        })
        .toList();
    // A seat filled by videoconference or through a substitute counts as present.
    int present = (int) lines.stream().filter(AttendanceLine::seated).count();
    int absent = (int) lines.stream().filter(l -> !l.seated() && l.status().equals("ABSENT")).count();
    int excused = (int) lines.stream().filter(l -> !l.seated() && l.status().equals("EXCUSED")).count();
    int proxies = (int) lines.stream().filter(l -> l.proxyHolderId() != null).count();
    int remote = (int) lines.stream().filter(l -> l.status().equals("REMOTE")).count();
    int substituted = (int) lines.stream().filter(l -> l.substituteId() != null).count();
    return new Attendance(lines.size(), present, absent, excused, proxies, lines, remote, substituted);
  }

  /** The quorum decision of a sitting; null before the roll call. */
  public Quorum quorum(String sessionId, int sitting, Body body) {
    return sessions.quorum(sessionId, sitting)
        .map(j -> new Quorum(j.ruleLabel(), j.regime(), j.inOffice(), j.present(), j.represented(), j.counted(),
            j.required(), j.reached(), j.sentence("le " + body.assemblyName()), j.figures()))
        .orElse(null);
  }

  /**
   * How each member voted on a roll-call vote (CGCT L2121-21), as (choice, « Civ. Prénom NOM »)
   * pairs in the order of the attendance table; empty when each member's vote was not recorded.
   */
  public List<Map.Entry<String, String>> ballots(String deliberationId, String sessionId) {
    if (deliberationId == null || sessionId == null) {
      return List.of();
    }
    SessionRepository.Row session = sessions.find(sessionId).orElse(null);
    if (session == null) {
      return List.of();
    }
    Map<String, Seat> seats = seats(session);
    // A substituted seat's vote is its substitute's: the name printed is theirs.
    Map<String, String> substitutes = new java.util.HashMap<>();
    sessions.attendance(sessionId, session.sitting()).stream().filter(AttendanceEntry::substituted)
        .forEach(e -> substitutes.put(e.memberId(), e.substituteId()));
    return inTableOrder(sessions.ballots(deliberationId, sessionId), SessionRepository.Ballot::memberId, seats)
        .stream().map(b -> Map.entry(b.choice(), substitutes.containsKey(b.memberId())
            ? person(substitutes.get(b.memberId())).fullName() : seated(b.memberId(), seats).fullName())).toList();
  }

  /** The members in office on the day of the sitting, by id, in the order of the attendance table. */
  private Map<String, Seat> seats(SessionRepository.Row session) {
    Map<String, Seat> seats = new LinkedHashMap<>();
    organisation.body(session.bodyId()).ifPresent(body -> directory
        .inOffice(body, FrenchDates.parisDay(session.sessionDate())).forEach(seat -> seats.put(seat.id(), seat)));
    return seats;
  }

  /** Members in office first, in their seats' order; anyone else after them, by last name. */
  private <T> List<T> inTableOrder(List<T> rows, java.util.function.Function<T, String> memberId,
      Map<String, Seat> seats) {
    List<String> order = new ArrayList<>(seats.keySet());
    return rows.stream().sorted(Comparator
        .comparingInt((T r) -> order.contains(memberId.apply(r)) ? order.indexOf(memberId.apply(r)) : Integer.MAX_VALUE)
        .thenComparing(r -> seated(memberId.apply(r), seats).lastName()))
        .toList();
  }

  private Person seated(String memberId, Map<String, Seat> seats) {
    Seat seat = seats.get(memberId);
    return seat != null ? new Person(seat.id(), seat.civility(), seat.firstName(), seat.lastName()) : person(memberId);
  }

  private String collectivity(String memberId, Map<String, Seat> seats) {
    Seat seat = seats.get(memberId);
    return seat != null ? seat.collectivity() : null;
  }

  private Person person(String memberId) {
    if (memberId == null) {
      return null;
    }
    return organisation.member(memberId)
        .map(m -> new Person(m.id(), m.civility(), m.firstName(), m.lastName()))
        .orElseGet(() -> new Person(memberId, "", "", memberId));
  }
}
