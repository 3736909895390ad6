package fr.comitia.register;

import fr.comitia.register.DeliberationRecord.*;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads whole records of the register (draft, session, roll call, quorum, vote, signature, notifications). */
@Service
public class DeliberationRecords {

  private final DeliberationRepository repository;
  private final Organisation organisation;
  private final JdbcClient jdbc;

  DeliberationRecords(DeliberationRepository repository, Organisation organisation, JdbcClient jdbc) {
    this.repository = repository;
    this.organisation = organisation;
    this.jdbc = jdbc;
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
    if (row.sessionId() != null) {
      record SessionRow(String id, OffsetDateTime sessionDate, String place, LocalDate convocationDate, boolean urgent,
          String urgencyReason, boolean quorumRequired, String presidingMemberId, String sessionSecretaryId,
          int sitting) {}
      SessionRow s = jdbc.sql("""
              select id, session_date, place, convocation_date, urgent, urgency_reason, quorum_required,
                     presiding_member_id, session_secretary_id, sitting
                from comitia.assembly_session where id = :id""")
          .param("id", row.sessionId()).query(SessionRow.class).single();
      session = new SessionInfo(s.id(), s.sessionDate(), s.place(), s.convocationDate(), s.urgent(),
          s.urgencyReason(), !s.quorumRequired(), person(s.presidingMemberId()), person(s.sessionSecretaryId()));
      attendance = attendance(s.id(), s.sitting());
      quorum = quorum(s.id(), s.sitting(), body);
      vote = vote(row.id(), s.id());
    }
    Signature signature = row.signedAt() == null ? null
        : new Signature(row.signedBy(), person(row.signedBy()) == null ? null : person(row.signedBy()).fullName(),
            row.signedAt(), row.signerSubject());
    List<PartnerNotification> notifications = jdbc.sql("""
            select id, partner_id, name, email, notified_at, reminders, acknowledged_at, acknowledged_by
              from comitia.notification where deliberation_id = :id order by position, id""")
        .param("id", row.id()).query(PartnerNotification.class).list();
    List<Review> reviews = repository.reviews(row.id()).stream()
        .map(r -> new Review(r.reviewerId(), r.approved(), r.comment(), r.reviewedAt())).toList();
    DeliberationStatus status = DeliberationStatus.valueOf(row.status());
    return new DeliberationRecord(row.id(), row.number(), status.name(), status.label(), organisation.name(),
        bodyInfo, draft.object(), person(draft.rapporteurId()), draft.preamble(), draft.visas(), draft.proposal(),
        draft.articles(), draft.annexes(), reviews, session, attendance, quorum, vote, signature, notifications,
        row.processInstanceId(), row.createdAt());
  }

  /** The roll call of a sitting, in the order of the attendance table; null before the roll call. */
  public Attendance attendance(String sessionId, int sitting) {
    List<AttendanceLine> lines = jdbc.sql("""
            select a.member_id, m.civility, m.first_name, m.last_name, m.collectivity, a.status, a.proxy_holder_id,
                   h.civility || ' ' || h.last_name as holder
              from comitia.attendance a
              join comitia.member m on m.id = a.member_id
              join comitia.assembly_session s on s.id = a.session_id
              left join comitia.body_membership bm on bm.body_id = s.body_id and bm.member_id = a.member_id
                   and bm.valid_from <= (s.session_date at time zone 'Europe/Paris')::date
                   and (bm.valid_to is null or bm.valid_to > (s.session_date at time zone 'Europe/Paris')::date)
              left join comitia.member h on h.id = a.proxy_holder_id
             where a.session_id = :id and a.sitting = :sitting
             order by bm.position nulls last, m.last_name""")
        .param("id", sessionId).param("sitting", sitting)
        .query((rs, n) -> new AttendanceLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
        .list();
    if (lines.isEmpty()) {
      return null;
    }
    int present = (int) lines.stream().filter(l -> l.status().equals("PRESENT")).count();
    int absent = (int) lines.stream().filter(l -> l.status().equals("ABSENT")).count();
    int excused = (int) lines.stream().filter(l -> l.status().equals("EXCUSED")).count();
    int proxies = (int) lines.stream().filter(l -> l.proxyHolderId() != null).count();
    return new Attendance(lines.size(), present, absent, excused, proxies, lines);
  }

  /** The quorum decision of a sitting; null before the roll call. */
  public Quorum quorum(String sessionId, int sitting, Body body) {
    return jdbc.sql("""
            select rule, regime, in_office, present, represented, counted, required, reached
              from comitia.quorum_check where session_id = :id and sitting = :sitting""")
        .param("id", sessionId).param("sitting", sitting)
        .query((rs, n) -> {
          QuorumJudgement j = new QuorumJudgement(rs.getString("regime"), rs.getString("rule"), rs.getInt("in_office"),
              rs.getInt("present"), rs.getInt("represented"), rs.getInt("counted"), rs.getInt("required"),
              rs.getBoolean("reached"), 0);
          return new Quorum(j.ruleLabel(), j.regime(), j.inOffice(), j.present(), j.represented(), j.counted(),
              j.required(), j.reached(), j.sentence("le " + body.assemblyName()), j.figures());
        })
        .optional().orElse(null);
  }

  private Vote vote(String deliberationId, String sessionId) {
    return jdbc.sql("""
            select outcome, withdrawn, voters, votes_for, votes_against, abstentions, not_participating,
                   votes_for + votes_against as suffrages_exprimes, secret_ballot, presiding_vote, recorded_at
              from comitia.vote where deliberation_id = :d and session_id = :s""")
        .param("d", deliberationId).param("s", sessionId).query(Vote.class).optional().orElse(null);
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
