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
 * What is online on the body's public register: each act as published (table {@code publication})
 * and each session's list of deliberations (table {@code deliberations_list}). Nothing here is ever
 * updated once online, nor deleted.
 */
@Repository
public class PublicationRepository {

  private final JdbcClient jdbc;

  PublicationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Publication(String deliberationId, long documentId, String sha256, String author, String authorOffice,
      OffsetDateTime publishedAt) {}

  public record DeliberationsList(String sessionId, long documentId, String sha256, OffsetDateTime producedAt,
      OffsetDateTime dueAt, OffsetDateTime publishedAt) {}

  /**
   * A published act as the public register and its open data show it: only what is online, read in
   * one query (number, object, body, matière, date of the sitting, votes, ARActe, enforceability).
   */
  public record PublishedAct(String deliberationId, String number, String object, String bodyId, Integer registerYear,
      String nature, String matiere, OffsetDateTime sessionDate, Integer inOffice, Integer voters, Integer votesFor,
      Integer votesAgainst, Integer abstentions, String sha256, long documentId, String author, String authorOffice,
      OffsetDateTime publishedAt, String actesId, OffsetDateTime acknowledgedAt, OffsetDateTime enforceableAt) {}

  /** What a published act shows, one row per act (the latest ARActe, the sitting that voted). */
  private static final String PUBLISHED = """
            select p.deliberation_id, d.number, d.object, d.body_id, d.register_year, d.nature, d.matiere,
                   s.session_date, q.in_office, v.voters, v.votes_for, v.votes_against, v.abstentions,
                   p.sha256, p.document_id, p.author, p.author_office, p.published_at, t.actes_id,
                   t.acknowledged_at, d.enforceable_at
              from comitia.publication p
              join comitia.deliberation d on d.id = p.deliberation_id
              left join comitia.assembly_session s on s.id = d.voted_session_id
              left join comitia.vote v on v.deliberation_id = d.id and v.session_id = d.voted_session_id
              left join lateral (select in_office from comitia.quorum_check qc where qc.session_id = s.id
                                  order by sitting desc limit 1) q on true
              left join lateral (select actes_id, acknowledged_at from comitia.transmission tr
                                  where tr.deliberation_id = d.id and tr.status = 'ACKNOWLEDGED'
                                  order by attempt desc limit 1) t on true
""";

  /**
   * The published acts, newest first, filtered by words of the object (any case, any accent), by
   * number and by year when given.
   */
  public List<PublishedAct> published(String words, String number, Integer year) {
    return jdbc.sql(PUBLISHED + """
             where (cast(:words as text) is null
                    or translate(lower(d.object), 'àâäçéèêëîïôöùûüÿœ', 'aaaceeeeiioouuuyo')
                       like '%' || translate(lower(cast(:words as text)), 'àâäçéèêëîïôöùûüÿœ', 'aaaceeeeiioouuuyo') || '%')
               and (cast(:number as text) is null or d.number = cast(:number as text))
               and (cast(:year as int) is null or d.register_year = cast(:year as int))
             order by p.published_at desc, d.register_year desc nulls last, d.register_seq desc nulls last""")
        .param("words", words).param("number", number).param("year", year)
        .query(PublishedAct.class).list();
  }

  /** One published act; empty when the act is not (yet) online. */
  public Optional<PublishedAct> published(String deliberationId) {
    return jdbc.sql(PUBLISHED + """
             where p.deliberation_id = :id""")
        .param("id", deliberationId).query(PublishedAct.class).optional();
  }

  /** Puts the act online once (a second call keeps the first publication); returns what is online. */
  public Publication publish(String deliberationId, long documentId, String sha256, String author, String authorOffice,
      OffsetDateTime at) {
    jdbc.sql("""
            insert into comitia.publication (deliberation_id, document_id, sha256, author, author_office, published_at)
            values (:id, :doc, :sha, :author, :office, :at) on conflict (deliberation_id) do nothing""")
        .param("id", deliberationId).param("doc", documentId).param("sha", sha256).param("author", author)
        .param("office", authorOffice).param("at", at).update();
    return find(deliberationId).orElseThrow();
  }

  public Optional<Publication> find(String deliberationId) {
    return jdbc.sql("select * from comitia.publication where deliberation_id = :id").param("id", deliberationId)
        .query(Publication.class).optional();
  }

  /** The publication of each deliberation that is published, in one query. */
  public Map<String, Publication> find(Collection<String> ids) {
    return Batch.single(ids, jdbc.sql("select * from comitia.publication where deliberation_id in (:ids)")
        .param("ids", ids), new SimplePropertyRowMapper<>(Publication.class));
  }

  /** Records the session's list as produced at the close (once), due online by {@code dueAt}. */
  public DeliberationsList produceList(String sessionId, long documentId, String sha256, OffsetDateTime at,
      OffsetDateTime dueAt) {
    jdbc.sql("""
            insert into comitia.deliberations_list (session_id, document_id, sha256, produced_at, due_at)
            values (:id, :doc, :sha, :at, :due) on conflict (session_id) do nothing""")
        .param("id", sessionId).param("doc", documentId).param("sha", sha256).param("at", at).param("due", dueAt)
        .update();
    return findList(sessionId).orElseThrow();
  }

  /** Puts the list online (once). */
  public boolean publishList(String sessionId, OffsetDateTime at) {
    return jdbc.sql("""
            update comitia.deliberations_list set published_at = :at where session_id = :id and published_at is null""")
        .param("id", sessionId).param("at", at).update() == 1;
  }

  /** The list of deliberations of each session that has one, in one query. */
  public Map<String, DeliberationsList> findLists(Collection<String> sessionIds) {
    return Batch.single(sessionIds, jdbc.sql("select * from comitia.deliberations_list where session_id in (:ids)")
        .param("ids", sessionIds), "session_id", new SimplePropertyRowMapper<>(DeliberationsList.class));
  }

  public Optional<DeliberationsList> findList(String sessionId) {
    return jdbc.sql("select * from comitia.deliberations_list where session_id = :id").param("id", sessionId)
        .query(DeliberationsList.class).optional();
  }

  /** The published lists, newest first. */
  public List<DeliberationsList> publishedLists() {
    return jdbc.sql("""
            select * from comitia.deliberations_list where published_at is not null order by published_at desc""")
        .query(DeliberationsList.class).list();
  }
}
