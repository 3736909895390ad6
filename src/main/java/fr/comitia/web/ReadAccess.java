package fr.comitia.web;

import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecord.PartnerNotification;
import fr.comitia.register.DeliberationStatus;
import fr.comitia.platform.EngineClock;
import fr.comitia.roster.BodyDirectory;
import fr.comitia.roster.BodyDirectory.Seat;
import fr.comitia.roster.Groups;
import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import fr.comitia.register.SessionStatus;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the caller may read on {@code /api}. The staff (drafting, direction, secretariat,
 * presidency, administrators) read the whole register. Anyone else — a member — reads only the
 * sessions they are convoked to (member in office of the session's body on its date, convocation
 * signed), the documents of those sessions and the drafts on their agenda, and adopted acts
 * (numbered); nothing under review or not yet on the agenda of such a session. Partners' addresses
 * are for the direction, the secretariat and the administrators; a member sees no address but their
 * own.
 */
@Component
class ReadAccess {

  static final Set<String> STAFF = Set.of(Groups.DRAFTER, Groups.DIRECTOR, Groups.SECRETARIAT, Groups.PRESIDENT,
      Groups.ADMIN);
  static final Set<String> PARTNER_ADDRESS_READERS = Set.of(Groups.DIRECTOR, Groups.SECRETARIAT, Groups.ADMIN);
  static final Set<String> ADOPTED = Set.of(DeliberationStatus.ADOPTED.name(), DeliberationStatus.SIGNED.name(),
      DeliberationStatus.ENFORCEABLE.name(), DeliberationStatus.NOTIFIED.name());
  static final Set<String> CONVOKED = Set.of(SessionStatus.CONVOKED.name(), SessionStatus.NO_QUORUM.name(),
      SessionStatus.RECONVOKED.name(), SessionStatus.IN_SESSION.name(), SessionStatus.CLOSED.name());

  static final String DELIBERATION_REFUSED = "Accès refusé : un élu ne lit que les actes adoptés et les projets "
      + "inscrits à l'ordre du jour d'une séance à laquelle il est convoqué (convocation signée).";
  static final String SESSION_REFUSED = "Accès refusé : un élu ne lit que les séances auxquelles il est convoqué "
      + "(membre en exercice de l'assemblée, convocation signée).";
  static final String EXTRACT_REFUSED = "Accès refusé : un élu ne lit l'extrait du registre que d'un acte adopté.";

  private final CurrentUser currentUser;
  private final SessionRecords sessions;
  private final BodyDirectory directory;

  ReadAccess(CurrentUser currentUser, SessionRecords sessions, BodyDirectory directory) {
    this.currentUser = currentUser;
    this.sessions = sessions;
    this.directory = directory;
  }

  boolean staff() {
    return STAFF.stream().anyMatch(currentUser::inGroup);
  }

  boolean readsPartnerAddresses() {
    return PARTNER_ADDRESS_READERS.stream().anyMatch(currentUser::inGroup);
  }

  boolean readsSession(SessionRecord session) {
    return staff() || convoked(session);
  }

  boolean readsDeliberation(DeliberationRecord record) {
    return staff() || ADOPTED.contains(record.status()) || onConvokedAgenda(record);
  }

  boolean readsExtract(DeliberationRecord record) {
    return staff() || ADOPTED.contains(record.status());
  }

  SessionRecord session(SessionRecord session) {
    if (!readsSession(session)) {
      throw ApiException.forbidden(SESSION_REFUSED);
    }
    return session;
  }

  void requireDeliberation(DeliberationRecord record) {
    if (!readsDeliberation(record)) {
      throw ApiException.forbidden(DELIBERATION_REFUSED);
    }
  }

  /** The record as this caller may read it: refused, or without what is not theirs to read. */
  DeliberationRecord deliberation(DeliberationRecord record) {
    requireDeliberation(record);
    return redact(record);
  }

  void requireExtract(DeliberationRecord record) {
    if (!readsExtract(record)) {
      throw ApiException.forbidden(staff() || readsDeliberation(record) ? EXTRACT_REFUSED : DELIBERATION_REFUSED);
    }
  }

  List<DeliberationRecord> deliberations(List<DeliberationRecord> records) {
    return records.stream().filter(this::readsDeliberation).map(this::redact).toList();
  }

  List<SessionRecord> sessions(List<SessionRecord> records) {
    return records.stream().filter(this::readsSession).toList();
  }

  /** Members' seats: a member sees their own address and nobody else's. */
  List<Seat> seats(List<Seat> seats) {
    if (staff()) {
      return seats;
    }
    String me = currentUser.id();
    return seats.stream().map(s -> Objects.equals(s.id(), me) ? s
        : new Seat(s.id(), s.civility(), s.firstName(), s.lastName(), s.collectivity(), null, s.role(), s.position()))
        .toList();
  }

  /** A partner's address, or null for who may not read it. */
  String partnerAddress(String email) {
    return readsPartnerAddresses() ? email : null;
  }

  private DeliberationRecord redact(DeliberationRecord r) {
    boolean partners = readsPartnerAddresses();
    boolean staff = staff();
    if (partners && staff) {
      return r;
    }
    List<PartnerNotification> notifications = partners ? r.notifications() : r.notifications().stream()
        .map(n -> new PartnerNotification(n.id(), n.partnerId(), n.name(), null, n.notifiedAt(), n.reminders(),
            n.acknowledgedAt(), n.acknowledgedBy()))
        .toList();
    // The direction's review comments are internal to the staff.
    return new DeliberationRecord(r.id(), r.number(), r.status(), r.statusLabel(), r.organisation(), r.body(),
        r.object(), r.rapporteur(), r.preamble(), r.visas(), r.proposal(), r.articles(), r.annexes(),
        staff ? r.reviews() : List.of(), r.session(), r.attendance(), r.quorum(), r.vote(), r.signature(),
        notifications, r.processInstanceId(), r.createdAt(), r.nature(), r.natureLabel(), r.matiere(),
        r.matiereLabel(), r.annexFiles(), r.transmission(), r.publication(), r.enforceableAt(),
        r.interestedMembers());
  }

  private boolean onConvokedAgenda(DeliberationRecord record) {
    return record.session() != null && sessions.find(record.session().id())
        .filter(s -> s.agenda().stream().anyMatch(a -> record.id().equals(a.deliberationId())))
        .map(this::convoked).orElse(false);
  }

  /** The caller is a member in office of the session's body on its date, and the convocation is signed. */
  private boolean convoked(SessionRecord session) {
    String me = currentUser.id();
    if (me == null || !CONVOKED.contains(session.status())) {
      return false;
    }
    return directory.body(session.bodyId(), session.sessionDate().atZoneSameInstant(EngineClock.PARIS).toLocalDate())
        .map(view -> view.members().stream().anyMatch(s -> me.equals(s.id()))).orElse(false);
  }
}
