package fr.comitia.register;

import org.springframework.jdbc.core.SimplePropertyRowMapper;
import java.util.Map;
import java.util.Collection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The minutes of each session as the register keeps them (CGCT L2121-15): every vote on them
 * (table {@code minutes_vote}, never changed) and, once approved, their signatures and publication
 * (table {@code minutes}, never changed once online).
 */
@Repository
public class MinutesRepository {

  /** Status of a session's minutes, as {@code GET /api/sessions/{id}} shows it. */
  public enum Status { DRAFT, APPROVED, SIGNED, PUBLISHED }

  private final JdbcClient jdbc;

  MinutesRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A vote on the minutes of {@code minutesOfSessionId}, at session {@code sessionId}. */
  public record MinutesVote(String sessionId, String minutesOfSessionId, String outcome, String ballot, Integer voters,
      Integer votesFor, Integer votesAgainst, Integer abstentions, Integer notParticipating,
      boolean tieDecidedByPresident, String recordedBy, OffsetDateTime recordedAt) {}

  /** Approved minutes, their signatures and publication. */
  public record Minutes(String sessionId, String approvedInSessionId, OffsetDateTime approvedAt,
      OffsetDateTime publicationDueAt, String signedBy, OffsetDateTime signedAt, String countersignedBy,
      OffsetDateTime countersignedAt, Long documentId, String sha256, OffsetDateTime publishedAt) {

    public Status status() {
      if (publishedAt != null) {
        return Status.PUBLISHED;
      }
      return countersignedAt != null ? Status.SIGNED : Status.APPROVED;
    }
  }

  /**
   * The body's session held just before {@code sessionId}, closed (its minutes are drawn up at the
   * close), whose minutes are not yet approved: the first vote of {@code sessionId} approves them. Empty otherwise.
   */
  public Optional<String> awaitingApproval(String sessionId) {
    return jdbc.sql("""
            select p.id from comitia.assembly_session s
            join comitia.assembly_session p on p.body_id = s.body_id and p.id <> s.id
              and p.session_date < s.session_date and p.closed_at is not null
            where s.id = :id
              and not exists (select 1 from comitia.assembly_session q where q.body_id = s.body_id and q.id <> s.id
                              and q.id <> p.id and q.closed_at is not null
                              and q.session_date > p.session_date and q.session_date < s.session_date)
              and not exists (select 1 from comitia.minutes m where m.session_id = p.id)
            order by p.session_date desc limit 1""")
        .param("id", sessionId).query(String.class).optional();
  }

  public void saveVote(MinutesVote vote) {
    jdbc.sql("""
            insert into comitia.minutes_vote (session_id, minutes_of_session_id, outcome, ballot, voters, votes_for,
              votes_against, abstentions, not_participating, tie_decided_by_president, recorded_by, recorded_at)
            values (:s, :m, :outcome, :ballot, :voters, :for, :against, :abst, :np, :tie, :by, :at)""")
        .param("s", vote.sessionId()).param("m", vote.minutesOfSessionId()).param("outcome", vote.outcome())
        .param("ballot", vote.ballot()).param("voters", vote.voters()).param("for", vote.votesFor())
        .param("against", vote.votesAgainst()).param("abst", vote.abstentions()).param("np", vote.notParticipating())
        .param("tie", vote.tieDecidedByPresident()).param("by", vote.recordedBy()).param("at", vote.recordedAt())
        .update();
  }

  public boolean voted(String sessionId, String minutesOfSessionId) {
    return jdbc.sql("select count(*) from comitia.minutes_vote where session_id = :s and minutes_of_session_id = :m")
        .param("s", sessionId).param("m", minutesOfSessionId).query(Integer.class).single() > 0;
  }

  /** The votes held at {@code sessionId} on earlier minutes (for its own minutes). */
  public List<MinutesVote> votesAt(String sessionId) {
    return jdbc.sql("select * from comitia.minutes_vote where session_id = :s order by recorded_at")
        .param("s", sessionId).query(MinutesVote.class).list();
  }

  /** Records the approval (once; a second call keeps the first). */
  public Minutes approve(String sessionId, String approvedInSessionId, OffsetDateTime at, OffsetDateTime dueAt) {
    jdbc.sql("""
            insert into comitia.minutes (session_id, approved_in_session_id, approved_at, publication_due_at)
            values (:s, :in, :at, :due) on conflict (session_id) do nothing""")
        .param("s", sessionId).param("in", approvedInSessionId).param("at", at).param("due", dueAt).update();
    return find(sessionId).orElseThrow();
  }

  /** The minutes of each session that has them, in one query. */
  public Map<String, Minutes> find(Collection<String> sessionIds) {
    return Batch.single(sessionIds, jdbc.sql("select * from comitia.minutes where session_id in (:ids)")
        .param("ids", sessionIds), "session_id", new SimplePropertyRowMapper<>(Minutes.class));
  }

  public Optional<Minutes> find(String sessionId) {
    return jdbc.sql("select * from comitia.minutes where session_id = :s").param("s", sessionId)
        .query(Minutes.class).optional();
  }

  /** The president signed (once). */
  public boolean sign(String sessionId, String memberId, OffsetDateTime at) {
    return jdbc.sql("""
            update comitia.minutes set signed_by = :by, signed_at = :at where session_id = :s and signed_at is null""")
        .param("s", sessionId).param("by", memberId).param("at", at).update() == 1;
  }

  /** The session's secretary countersigned (once): the document with both signatures. */
  public boolean countersign(String sessionId, String memberId, OffsetDateTime at, long documentId, String sha256) {
    return jdbc.sql("""
            update comitia.minutes set countersigned_by = :by, countersigned_at = :at, document_id = :doc, sha256 = :sha
            where session_id = :s and signed_at is not null and countersigned_at is null""")
        .param("s", sessionId).param("by", memberId).param("at", at).param("doc", documentId).param("sha", sha256)
        .update() == 1;
  }

  /** Online (once). */
  public boolean publish(String sessionId, OffsetDateTime at) {
    return jdbc.sql("""
            update comitia.minutes set published_at = :at
            where session_id = :s and countersigned_at is not null and published_at is null""")
        .param("s", sessionId).param("at", at).update() == 1;
  }

  /** Published minutes, newest first. */
  public List<Minutes> published() {
    return jdbc.sql("select * from comitia.minutes where published_at is not null order by published_at desc")
        .query(Minutes.class).list();
  }
}
