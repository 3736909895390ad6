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
    return repository.find(id).map(row -> records(List.of(row)).get(0));
  }

  /** The register's list: a constant number of queries (one per table, a few per session), not one per act. */
  public List<DeliberationRecord> list(Integer year, String status, String bodyId) {
    return records(repository.list(year, status, bodyId));
  }

  /** What the records of these rows need from the register, read once for them all. */
  private final class Reads {
    final Map<String, List<String>> annexTitles;
    final Map<String, List<DeliberationRepository.Review>> reviews;
    final Map<String, List<NotificationRepository.Notification>> notifications;
    final Map<String, List<AnnexFileRepository.AnnexFile>> annexFiles;
    final Map<String, TransmissionRepository.Transmission> transmissions;
    final Map<String, PublicationRepository.Publication> publications;
    final Map<String, List<Map.Entry<String, Vote>>> votes;
    final Map<String, List<Map.Entry<String, String>>> interested;
    /** Per session: its row, agenda, roll call and seats, read once for all its items. */
    final Map<String, SessionReads> sessionReads = new java.util.HashMap<>();

    Reads(List<String> ids) {
      annexTitles = repository.annexes(ids);
      reviews = repository.reviews(ids);
      notifications = DeliberationRecords.this.notifications.forDeliberations(ids);
      annexFiles = DeliberationRecords.this.annexFiles.list(ids);
      transmissions = DeliberationRecords.this.transmissions.latest(ids);
      publications = DeliberationRecords.this.publications.find(ids);
      votes = sessions.votes(ids);
      interested = sessions.interested(ids);
    }

    SessionReads session(String sessionId) {
      return sessionReads.computeIfAbsent(sessionId, id -> new SessionReads(sessions.find(id).orElseThrow()));
    }

    <T> T ofSession(Map<String, List<Map.Entry<String, T>>> bySession, String deliberationId, String sessionId) {
      return bySession.getOrDefault(deliberationId, List.of()).stream().filter(e -> e.getKey().equals(sessionId))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    List<String> interested(String deliberationId, String sessionId) {
      return interested.getOrDefault(deliberationId, List.of()).stream().filter(e -> e.getKey().equals(sessionId))
          .map(Map.Entry::getValue).toList();
    }
  }

  private final class SessionReads {
    final SessionRepository.Row row;
    final List<String> agenda;
    final Map<String, Seat> seats;
    final Attendance attendance;
    final Quorum quorum;

    SessionReads(SessionRepository.Row row) {
      this.row = row;
      this.agenda = sessions.agenda(row.id());
      this.seats = seats(row);
      this.attendance = attendance(row, row.sitting(), seats);
      this.quorum = organisation.body(row.bodyId()).map(b -> quorum(row.id(), row.sitting(), b)).orElse(null);
    }
  }

  private List<DeliberationRecord> records(List<DeliberationRepository.Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Reads reads = new Reads(rows.stream().map(DeliberationRepository.Row::id).toList());
    return rows.stream().map(row -> record(row, reads)).toList();
  }

  private DeliberationRecord record(DeliberationRepository.Row row, Reads reads) {
    Draft draft = repository.draft(row, reads.annexTitles.getOrDefault(row.id(), List.of()));
    Body body = organisation.body(row.bodyId()).orElseThrow();
    BodyInfo bodyInfo = new BodyInfo(body.id(), body.name(), body.assemblyName(), body.presidentTitle(),
        person(body.presidentId()));
    SessionInfo session = null;
    Attendance attendance = null;
    Quorum quorum = null;
    Vote vote = null;
    List<Person> interested = List.of();
    if (row.sessionId() != null) {
      SessionReads sr = reads.session(row.sessionId());
      SessionRepository.Row s = sr.row;
      session = new SessionInfo(s.id(), s.sessionDate(), s.place(), s.convocationDate(), s.urgent(),
          s.urgencyReason(), !s.quorumRequired(), person(s.presidingMemberId()), person(s.sessionSecretaryId()),
          position(sr.agenda, row.id()));
      attendance = sr.attendance;
      quorum = sr.quorum;
      vote = reads.ofSession(reads.votes, row.id(), s.id());
      Map<String, Seat> seats = sr.seats;
      interested = inTableOrder(reads.interested(row.id(), s.id()), m -> m, seats).stream()
          .map(m -> seated(m, seats)).toList();
    }
    Signature signature = row.signedAt() == null ? null
        : new Signature(row.signedBy(), person(row.signedBy()) == null ? null : person(row.signedBy()).fullName(),
            row.signedAt(), row.signerSubject());
    List<PartnerNotification> partners = reads.notifications.getOrDefault(row.id(), List.of()).stream()
        .map(n -> new PartnerNotification(n.id(), n.partnerId(), n.name(), n.email(), n.notifiedAt(), n.reminders(),
            n.acknowledgedAt(), n.acknowledgedBy()))
        .toList();
    List<Review> reviews = reads.reviews.getOrDefault(row.id(), List.of()).stream()
        .map(r -> new Review(r.reviewerId(), r.approved(), r.comment(), r.reviewedAt())).toList();
    DeliberationStatus status = DeliberationStatus.valueOf(row.status());
    TransmissionRepository.Transmission t = reads.transmissions.get(row.id());
    PublicationRepository.Publication p = reads.publications.get(row.id());
    return new DeliberationRecord(row.id(), row.number(), status.name(), status.label(), organisation.name(),
        bodyInfo, draft.object(), person(draft.rapporteurId()), draft.preamble(), draft.visas(), draft.proposal(),
        draft.articles(), draft.annexes(), reviews, session, attendance, quorum, vote, signature, partners,
        row.processInstanceId(), row.createdAt(), draft.nature(),
        classification.nature(draft.nature()).map(Classification.Nature::label).orElse(null), draft.matiere(),
        classification.matiere(draft.matiere()).map(Classification.Matiere::path).orElse(null),
        reads.annexFiles.getOrDefault(row.id(), List.of()).stream()
            .map(a -> new AnnexFileInfo(a.id(), a.title(), a.sha256(), a.size())).toList(),
        t == null ? null : new DeliberationRecord.Transmission(t.status(), t.actesId(), t.transmittedAt(),
            t.acknowledgedAt(), t.refusal(), t.attempt(), t.gateway()),
        p == null ? null : new DeliberationRecord.Publication(publicUrl.of(publicPath(row.id())), p.publishedAt(),
            p.sha256(), p.author(), p.authorOffice()),
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
  private Attendance attendance(SessionRepository.Row session, int sitting, Map<String, Seat> seats) {
    List<AttendanceEntry> entries = sessions.attendance(session.id(), sitting);
    return entries.isEmpty() ? null : attendance(entries, seats);
  }

  private Attendance attendance(List<AttendanceEntry> entries, Map<String, Seat> seats) {
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

  /**
   * The roll call and the quorum of the current sitting of each session, read at once (SessionRecords'
   * list); a session before its roll call is absent.
   */
  Map<String, Map.Entry<Attendance, Quorum>> rollCalls(List<SessionRepository.Row> rows) {
    List<String> ids = rows.stream().map(SessionRepository.Row::id).toList();
    Map<String, List<Map.Entry<Integer, AttendanceEntry>>> entries = sessions.attendance(ids);
    Map<String, List<Map.Entry<Integer, QuorumJudgement>>> quorums = sessions.quorums(ids);
    Map<String, Map<String, Seat>> seatsByDay = new java.util.HashMap<>();
    Map<String, Map.Entry<Attendance, Quorum>> rollCalls = new LinkedHashMap<>();
    for (SessionRepository.Row row : rows) {
      List<AttendanceEntry> sitting = entries.getOrDefault(row.id(), List.of()).stream()
          .filter(e -> e.getKey() == row.sitting()).map(Map.Entry::getValue).toList();
      Attendance attendance = sitting.isEmpty() ? null : attendance(sitting, seatsByDay.computeIfAbsent(
          row.bodyId() + "/" + FrenchDates.parisDay(row.sessionDate()), k -> seats(row)));
      Quorum quorum = quorums.getOrDefault(row.id(), List.of()).stream().filter(e -> e.getKey() == row.sitting())
          .findFirst().flatMap(e -> organisation.body(row.bodyId()).map(b -> quorum(e.getValue(), b))).orElse(null);
      if (attendance != null || quorum != null) {
        rollCalls.put(row.id(), new java.util.AbstractMap.SimpleEntry<>(attendance, quorum));
      }
    }
    return rollCalls;
  }

  private static Quorum quorum(QuorumJudgement j, Body body) {
    return new Quorum(j.ruleLabel(), j.regime(), j.inOffice(), j.present(), j.represented(), j.counted(),
        j.required(), j.reached(), j.sentence("le " + body.assemblyName()), j.figures());
  }

  /** The quorum decision of a sitting; null before the roll call. */
  public Quorum quorum(String sessionId, int sitting, Body body) {
    return sessions.quorum(sessionId, sitting).map(j -> quorum(j, body)).orElse(null);
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
