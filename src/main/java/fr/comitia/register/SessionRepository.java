package fr.comitia.register;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;
import java.util.Map;
import java.util.Collection;
import fr.comitia.register.QuorumJudgement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sessions, agendas, roll calls, quorum checks and votes of the register. */
// Named apart: « sessionRepository » is Spring Session's bean (webapp sessions in comitia.spring_session).
@Repository("assemblySessionRepository")
public class SessionRepository {

  private final JdbcClient jdbc;

  SessionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Row(String id, String bodyId, OffsetDateTime sessionDate, String place, String status,
      LocalDate convocationDate, String convokedBy, boolean urgent, String urgencyReason, boolean quorumRequired,
      String presidingMemberId, String sessionSecretaryId, String processInstanceId, OffsetDateTime createdAt,
      OffsetDateTime closedAt, int sitting) {}

  public String nextId() {
    return "S" + jdbc.sql("select nextval('comitia.session_seq')").query(Long.class).single();
  }

  public boolean exists(String id) {
    return jdbc.sql("select count(*) from comitia.assembly_session where id = :id").param("id", id)
        .query(Integer.class).single() > 0;
  }

  public void insert(String id, String bodyId, OffsetDateTime date, String place, String processInstanceId,
      OffsetDateTime now) {
    jdbc.sql("""
            insert into comitia.assembly_session (id, body_id, session_date, place, status, process_instance_id, created_at)
            values (:id, :body, :date, :place, :status, :pi, :now)""")
        .param("id", id).param("body", bodyId).param("date", date).param("place", place)
        .param("status", SessionStatus.PLANNED.name()).param("pi", processInstanceId).param("now", now).update();
  }

  public Optional<Row> find(String id) {
    return jdbc.sql("select * from comitia.assembly_session where id = :id").param("id", id)
        .query(Row.class).optional();
  }

  public Optional<Row> findForUpdate(String id) {
    return jdbc.sql("select * from comitia.assembly_session where id = :id for update").param("id", id)
        .query(Row.class).optional();
  }

  public void setStatus(String id, SessionStatus status) {
    jdbc.sql("update comitia.assembly_session set status = :status where id = :id")
        .param("id", id).param("status", status.name()).update();
  }

  public void replaceAgenda(String id, List<String> deliberationIds) {
    jdbc.sql("delete from comitia.agenda_item where session_id = :id").param("id", id).update();
    for (int i = 0; i < deliberationIds.size(); i++) {
      jdbc.sql("insert into comitia.agenda_item (session_id, position, deliberation_id) values (:id, :pos, :delib)")
          .param("id", id).param("pos", i + 1).param("delib", deliberationIds.get(i)).update();
    }
    setStatus(id, SessionStatus.AGENDA_READY);
  }

  public List<String> agenda(String id) {
    return jdbc.sql("select deliberation_id from comitia.agenda_item where session_id = :id order by position")
        .param("id", id).query(String.class).list();
  }

  /**
   * A digest of everything a convocation shows of this session: its row, each item's draft (the
   * whole row) with its annex titles and annex files (id, position, title, SHA-256), in agenda
   * order. Equal digests, equal convocations: one statement tells whether a round built earlier
   * still holds.
   */
  public String convocationDigest(String id) {
    return jdbc.sql("""
            select md5(s::text || coalesce((
                     select string_agg(md5(d::text)
                              || coalesce((select string_agg(x.position || ':' || x.title, ',' order by x.position)
                                             from comitia.deliberation_annex x where x.deliberation_id = d.id), '')
                              || '|' || coalesce((select string_agg(f.id || ':' || f.position || ':' || f.title
                                                      || ':' || f.sha256, ',' order by f.position)
                                                    from comitia.annex_file f where f.deliberation_id = d.id), ''),
                            ',' order by a.position)
                       from comitia.agenda_item a join comitia.deliberation d on d.id = a.deliberation_id
                      where a.session_id = s.id), ''))
              from comitia.assembly_session s where s.id = :id""")
        .param("id", id).query(String.class).single();
  }

  /** The session whose agenda holds this deliberation and is not closed, if any. */
  public Optional<String> openSessionWith(String deliberationId, String exceptSessionId) {
    return jdbc.sql("""
            select a.session_id from comitia.agenda_item a join comitia.assembly_session s on s.id = a.session_id
             where a.deliberation_id = :delib and s.id <> :except and s.status <> 'CLOSED'
               and not exists (select 1 from comitia.vote v where v.deliberation_id = a.deliberation_id
                               and v.session_id = a.session_id)
             limit 1""")
        .param("delib", deliberationId).param("except", exceptSessionId).query(String.class).optional();
  }

  public void convoke(String id, LocalDate convocationDate, String convokedBy, boolean urgent, String reason) {
    jdbc.sql("""
            update comitia.assembly_session set convocation_date = :date, convoked_by = :by, urgent = :urgent,
                   urgency_reason = :reason, status = :status where id = :id""")
        .param("id", id).param("date", convocationDate).param("by", convokedBy).param("urgent", urgent)
        .param("reason", reason).param("status", SessionStatus.CONVOKED.name()).update();
  }

  public void saveRollCall(String id, int sitting, List<AttendanceEntry> entries, String presiding, String secretary) {
    jdbc.sql("delete from comitia.attendance where session_id = :id and sitting = :sitting")
        .param("id", id).param("sitting", sitting).update();
    for (AttendanceEntry e : entries) {
      jdbc.sql("""
              insert into comitia.attendance (session_id, sitting, member_id, status, proxy_holder_id, substitute_id)
              values (:id, :sitting, :member, :status, :holder, :substitute)""")
          .param("id", id).param("sitting", sitting).param("member", e.memberId())
          .param("status", e.status().name())
          .param("holder", e.proxyHolderId() == null || e.proxyHolderId().isBlank() ? null : e.proxyHolderId())
          .param("substitute", e.substituted() ? e.substituteId() : null)
          .update();
    }
    jdbc.sql("""
            update comitia.assembly_session set presiding_member_id = :presiding, session_secretary_id = :secretary,
                   status = :status where id = :id""")
        .param("id", id).param("presiding", presiding).param("secretary", secretary)
        .param("status", SessionStatus.IN_SESSION.name()).update();
  }

  public List<AttendanceEntry> attendance(String id, int sitting) {
    return jdbc.sql("""
            select member_id, status, proxy_holder_id, substitute_id from comitia.attendance
             where session_id = :id and sitting = :sitting""")
        .param("id", id).param("sitting", sitting)
        .query((rs, n) -> new AttendanceEntry(rs.getString(1), AttendanceStatus.valueOf(rs.getString(2)),
            rs.getString(3), rs.getString(4)))
        .list();
  }

  public void saveQuorum(String id, int sitting, QuorumJudgement q, OffsetDateTime now) {
    jdbc.sql("""
            insert into comitia.quorum_check (session_id, sitting, rule, regime, in_office, present, represented,
                   counted, required, reached, checked_at)
            values (:id, :sitting, :rule, :regime, :inOffice, :present, :represented, :counted, :required, :reached, :now)
            on conflict (session_id, sitting) do update set rule = excluded.rule, regime = excluded.regime,
                   in_office = excluded.in_office, present = excluded.present, represented = excluded.represented,
                   counted = excluded.counted, required = excluded.required, reached = excluded.reached,
                   checked_at = excluded.checked_at""")
        .param("id", id).param("sitting", sitting).param("rule", q.ruleLabel()).param("regime", q.regime())
        .param("inOffice", q.inOffice()).param("present", q.present()).param("represented", q.represented())
        .param("counted", q.counted()).param("required", q.required()).param("reached", q.reached())
        .param("now", now).update();
    setStatus(id, q.reached() ? SessionStatus.IN_SESSION : SessionStatus.NO_QUORUM);
  }

  public void reconvene(String id, OffsetDateTime newDate) {
    jdbc.sql("""
            update comitia.assembly_session set session_date = :date, sitting = sitting + 1, quorum_required = false,
                   status = :status where id = :id""")
        .param("id", id).param("date", newDate).param("status", SessionStatus.RECONVOKED.name()).update();
  }

  public void saveVote(String sessionId, String deliberationId, VoteResult r, BallotType ballot, VoteChoice presidingVote,
      String recordedBy, OffsetDateTime now) {
    boolean secretBallot = ballot == BallotType.SECRET;
    jdbc.sql("""
            insert into comitia.vote (deliberation_id, session_id, withdrawn, voters, votes_for, votes_against, abstentions,
                   not_participating, secret_ballot, presiding_vote, outcome, recorded_by, recorded_at, ballot)
            values (:delib, :session, :withdrawn, :voters, :for, :against, :abst, :np, :secret, :presiding, :outcome,
                    :by, :now, :ballot)""")
        .param("ballot", r.outcome() == Outcome.WITHDRAWN ? null : ballot.name())
        .param("delib", deliberationId).param("session", sessionId)
        .param("withdrawn", r.outcome() == Outcome.WITHDRAWN).param("voters", r.voters())
        .param("for", r.votesFor()).param("against", r.votesAgainst()).param("abst", r.abstentions())
        .param("np", r.notParticipating()).param("secret", secretBallot)
        .param("presiding", presidingVote == null ? null : presidingVote.name()).param("outcome", r.outcome().name())
        .param("by", recordedBy).param("now", now).update();
  }

  /** Each voter's choice of a public vote by roll call (L2121-21), with the vote just saved. */
  public void saveBallots(String sessionId, String deliberationId, List<Ballot> ballots) {
    for (Ballot b : ballots) {
      jdbc.sql("""
              insert into comitia.vote_ballot (deliberation_id, session_id, member_id, choice)
              values (:d, :s, :m, :c)""")
          .param("d", deliberationId).param("s", sessionId).param("m", b.memberId()).param("c", b.choice()).update();
    }
  }

  /** The substance of the debate on the item (written with the vote, before the act is numbered). */
  public void saveDebate(String sessionId, String deliberationId, String summary) {
    jdbc.sql("update comitia.vote set debate_summary = :text where deliberation_id = :d and session_id = :s")
        .param("text", summary).param("d", deliberationId).param("s", sessionId).update();
  }

  /** The members who did not take part in the item's vote for a personal interest. */
  public void saveInterested(String sessionId, String deliberationId, List<String> memberIds) {
    for (String member : memberIds) {
      jdbc.sql("""
              insert into comitia.vote_interest (deliberation_id, session_id, member_id) values (:d, :s, :m)""")
          .param("d", deliberationId).param("s", sessionId).param("m", member).update();
    }
  }

  public List<String> interested(String deliberationId, String sessionId) {
    return jdbc.sql("select member_id from comitia.vote_interest where deliberation_id = :d and session_id = :s")
        .param("d", deliberationId).param("s", sessionId).query(String.class).list();
  }

  public boolean voted(String sessionId, String deliberationId) {
    return jdbc.sql("select count(*) from comitia.vote where session_id = :s and deliberation_id = :d")
        .param("s", sessionId).param("d", deliberationId).query(Integer.class).single() > 0;
  }

  public void close(String id, OffsetDateTime now) {
    jdbc.sql("update comitia.assembly_session set status = :status, closed_at = :now where id = :id")
        .param("id", id).param("status", SessionStatus.CLOSED.name()).param("now", now).update();
  }

  public List<Row> list(String bodyId) {
    return jdbc.sql("select * from comitia.assembly_session where (:body::varchar is null or body_id = :body) order by session_date")
        .param("body", bodyId).query(Row.class).list();
  }

  /** The vote of the assembly on a deliberation in a session, as recorded. */
  public Optional<DeliberationRecord.Vote> vote(String deliberationId, String sessionId) {
    return jdbc.sql("""
            select outcome, withdrawn, voters, votes_for, votes_against, abstentions, not_participating,
                   votes_for + votes_against as suffrages_exprimes, secret_ballot, presiding_vote, recorded_at,
                   case when withdrawn then null
                        else coalesce(ballot, case when secret_ballot then 'SECRET' else 'SHOW_OF_HANDS' end) end as ballot,
                   debate_summary
              from comitia.vote where deliberation_id = :d and session_id = :s""")
        .param("d", deliberationId).param("s", sessionId).query(DeliberationRecord.Vote.class).optional();
  }

  /** Each deliberation's recorded votes as (session id, vote), in one query. */
  public Map<String, List<Map.Entry<String, DeliberationRecord.Vote>>> votes(Collection<String> deliberationIds) {
    RowMapper<DeliberationRecord.Vote> vote = new SimplePropertyRowMapper<>(DeliberationRecord.Vote.class);
    return Batch.grouped(deliberationIds, jdbc.sql("""
            select deliberation_id, session_id, outcome, withdrawn, voters, votes_for, votes_against, abstentions,
                   not_participating, votes_for + votes_against as suffrages_exprimes, secret_ballot, presiding_vote,
                   recorded_at,
                   case when withdrawn then null
                        else coalesce(ballot, case when secret_ballot then 'SECRET' else 'SHOW_OF_HANDS' end) end as ballot,
                   debate_summary
              from comitia.vote where deliberation_id in (:ids)""").param("ids", deliberationIds),
        (rs, n) -> Map.entry(rs.getString("session_id"), vote.mapRow(rs, n)));
  }

  /** Each deliberation's members declared interested, as (session id, member id), in one query. */
  public Map<String, List<Map.Entry<String, String>>> interested(Collection<String> deliberationIds) {
    return Batch.grouped(deliberationIds, jdbc.sql("""
            select deliberation_id, session_id, member_id from comitia.vote_interest
             where deliberation_id in (:ids)""").param("ids", deliberationIds),
        (rs, n) -> Map.entry(rs.getString("session_id"), rs.getString("member_id")));
  }

  /** The quorum judged at a sitting's roll call. */
  public Optional<QuorumJudgement> quorum(String sessionId, int sitting) {
    return jdbc.sql("""
            select rule, regime, in_office, present, represented, counted, required, reached
              from comitia.quorum_check where session_id = :id and sitting = :sitting""")
        .param("id", sessionId).param("sitting", sitting)
        .query((rs, n) -> quorumJudgement(rs))
        .optional();
  }

  /** One member's vote in a public vote by roll call. */
  public record Ballot(String memberId, String choice) {}

  public List<Ballot> ballots(String deliberationId, String sessionId) {
    return jdbc.sql("""
            select member_id, choice from comitia.vote_ballot where deliberation_id = :d and session_id = :s""")
        .param("d", deliberationId).param("s", sessionId).query(Ballot.class).list();
  }

  /** The agenda of a session with each item's deliberation and, once voted, its vote. */
  /** The agenda items of each session, in one query. */
  public Map<String, List<SessionRecord.AgendaItem>> agendaItems(Collection<String> sessionIds) {
    return Batch.grouped(sessionIds, jdbc.sql("""
            select a.session_id, a.position, a.deliberation_id, d.object, d.number, d.status, v.outcome, v.votes_for,
                   v.votes_against, v.abstentions, v.not_participating
              from comitia.agenda_item a
              join comitia.deliberation d on d.id = a.deliberation_id
              left join comitia.vote v on v.deliberation_id = a.deliberation_id and v.session_id = a.session_id
             where a.session_id in (:ids) order by a.session_id, a.position""").param("ids", sessionIds),
        "session_id", new SimplePropertyRowMapper<>(SessionRecord.AgendaItem.class));
  }

  /** The roll calls of each session, every sitting, as (sitting, entry), in one query. */
  public Map<String, List<Map.Entry<Integer, AttendanceEntry>>> attendance(Collection<String> sessionIds) {
    return Batch.grouped(sessionIds, jdbc.sql("""
            select session_id, sitting, member_id, status, proxy_holder_id, substitute_id from comitia.attendance
             where session_id in (:ids)""").param("ids", sessionIds), "session_id",
        (rs, n) -> Map.entry(rs.getInt("sitting"), new AttendanceEntry(rs.getString("member_id"),
            AttendanceStatus.valueOf(rs.getString("status")), rs.getString("proxy_holder_id"),
            rs.getString("substitute_id"))));
  }

  /** The quorum judged at each sitting of each session, as (sitting, judgement), in one query. */
  public Map<String, List<Map.Entry<Integer, QuorumJudgement>>> quorums(Collection<String> sessionIds) {
    return Batch.grouped(sessionIds, jdbc.sql("""
            select session_id, sitting, rule, regime, in_office, present, represented, counted, required, reached
              from comitia.quorum_check where session_id in (:ids)""").param("ids", sessionIds), "session_id",
        (rs, n) -> Map.entry(rs.getInt("sitting"), quorumJudgement(rs)));
  }

  private static QuorumJudgement quorumJudgement(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new QuorumJudgement(rs.getString("regime"), rs.getString("rule"), rs.getInt("in_office"),
        rs.getInt("present"), rs.getInt("represented"), rs.getInt("counted"), rs.getInt("required"),
        rs.getBoolean("reached"), 0);
  }

  public List<SessionRecord.AgendaItem> agendaItems(String sessionId) {
    return jdbc.sql("""
            select a.position, a.deliberation_id, d.object, d.number, d.status, v.outcome, v.votes_for,
                   v.votes_against, v.abstentions, v.not_participating
              from comitia.agenda_item a
              join comitia.deliberation d on d.id = a.deliberation_id
              left join comitia.vote v on v.deliberation_id = a.deliberation_id and v.session_id = a.session_id
             where a.session_id = :id order by a.position""")
        .param("id", sessionId).query(SessionRecord.AgendaItem.class).list();
  }
}
