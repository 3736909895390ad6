package fr.comitia.register;

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

  /** The published acts, newest first: for the public register and its open data. */
  public List<Publication> all() {
    return jdbc.sql("select * from comitia.publication order by published_at desc, deliberation_id desc")
        .query(Publication.class).list();
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
