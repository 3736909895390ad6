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
 * The annex files of each deliberation, PDF kept in the register (table {@code annex_file}) with
 * their SHA-256 and size; frozen with the act once it is numbered (PostgreSQL trigger).
 */
@Repository
public class AnnexFileRepository {

  private final JdbcClient jdbc;

  AnnexFileRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An annex file as the register lists it (without its content). */
  public record AnnexFile(long id, String deliberationId, int position, String title, String fileName, long size,
      String sha256, String uploadedBy, OffsetDateTime uploadedAt) {}

  /** Adds the file after the others; returns its id. */
  public long add(String deliberationId, String title, String fileName, byte[] content, String sha256,
      String uploadedBy, OffsetDateTime at) {
    return jdbc.sql("""
            insert into comitia.annex_file (deliberation_id, position, title, file_name, size, sha256, content,
                   uploaded_by, uploaded_at)
            values (:d, (select coalesce(max(position), 0) + 1 from comitia.annex_file where deliberation_id = :d),
                    :title, :file, :size, :sha, :content, :by, :at)
            returning id""")
        .param("d", deliberationId).param("title", title).param("file", fileName).param("size", content.length)
        .param("sha", sha256).param("content", content).param("by", uploadedBy).param("at", at)
        .query(Long.class).single();
  }

  public List<AnnexFile> list(String deliberationId) {
    return jdbc.sql("""
            select id, deliberation_id, position, title, file_name, size, sha256, uploaded_by, uploaded_at
              from comitia.annex_file where deliberation_id = :d order by position, id""")
        .param("d", deliberationId).query(AnnexFile.class).list();
  }

  /** The annex files of each deliberation, in one query. */
  public Map<String, List<AnnexFile>> list(Collection<String> ids) {
    return Batch.grouped(ids, jdbc.sql("""
            select id, deliberation_id, position, title, file_name, size, sha256, uploaded_by, uploaded_at
              from comitia.annex_file where deliberation_id in (:ids) order by position, id""")
        .param("ids", ids), new SimplePropertyRowMapper<>(AnnexFile.class));
  }

  public Optional<AnnexFile> find(String deliberationId, long id) {
    return jdbc.sql("""
            select id, deliberation_id, position, title, file_name, size, sha256, uploaded_by, uploaded_at
              from comitia.annex_file where deliberation_id = :d and id = :id""")
        .param("d", deliberationId).param("id", id).query(AnnexFile.class).optional();
  }

  public Optional<byte[]> content(String deliberationId, long id) {
    return jdbc.sql("select content from comitia.annex_file where deliberation_id = :d and id = :id")
        .param("d", deliberationId).param("id", id).query(byte[].class).optional();
  }

  public boolean remove(String deliberationId, long id) {
    return jdbc.sql("delete from comitia.annex_file where deliberation_id = :d and id = :id")
        .param("d", deliberationId).param("id", id).update() > 0;
  }
}
