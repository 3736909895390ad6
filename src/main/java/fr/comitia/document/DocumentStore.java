package fr.comitia.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The register's documents (extracts, minutes, lists), kept in the database with their digest. */
@Component
public class DocumentStore {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

  DocumentStore(JdbcClient jdbc, Clock clock, org.springframework.transaction.PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(
        org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public record Document(long id, String ownerType, String ownerId, String kind, String fileName, String mediaType,
      byte[] content, String sha256, OffsetDateTime signedAt, String signerSubject, OffsetDateTime createdAt) {}

  public long save(String ownerType, String ownerId, String kind, String fileName, String mediaType, byte[] content,
      OffsetDateTime signedAt, String signerSubject) {
    return jdbc.sql("""
            insert into comitia.document (owner_type, owner_id, kind, file_name, media_type, content, sha256, signed_at,
                   signer_subject, created_at)
            values (:type, :owner, :kind, :file, :media, :content, :sha, :signedAt, :subject, :now) returning id""")
        .param("type", ownerType).param("owner", ownerId).param("kind", kind).param("file", fileName)
        .param("media", mediaType).param("content", content).param("sha", sha256(content))
        .param("signedAt", signedAt).param("subject", signerSubject).param("now", OffsetDateTime.now(clock))
        .query(Long.class).single();
  }

  /**
   * The PDF built from {@code source} (the document's XHTML): the stored copy when this version of the
   * source was built before, otherwise built now by {@code build} and kept with the source's SHA-256
   * (two builders at once keep one copy, and both return it). The copy is kept in a transaction of
   * its own, committed at once: a convocation job that then waits on the SMTP server with its
   * transaction open does not hold the next member's job on this row.
   */
  public byte[] builtOnce(String ownerType, String ownerId, String kind, String fileName, String source,
      java.util.function.Function<String, byte[]> build) {
    String digest = sha256(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Optional<byte[]> stored = built(ownerType, ownerId, kind, digest);
    if (stored.isPresent()) {
      return stored.get();
    }
    byte[] pdf = build.apply(source);
    ownTransaction.executeWithoutResult(t -> jdbc.sql("""
            insert into comitia.document (owner_type, owner_id, kind, file_name, media_type, content, sha256,
                   source_sha256, created_at)
            values (:type, :owner, :kind, :file, 'application/pdf', :content, :sha, :source, :now)
            on conflict (owner_type, owner_id, kind, source_sha256) where source_sha256 is not null do nothing""")
        .param("type", ownerType).param("owner", ownerId).param("kind", kind).param("file", fileName)
        .param("content", pdf).param("sha", sha256(pdf)).param("source", digest)
        .param("now", OffsetDateTime.now(clock)).update());
    return built(ownerType, ownerId, kind, digest).orElse(pdf);
  }

  private Optional<byte[]> built(String ownerType, String ownerId, String kind, String sourceDigest) {
    return jdbc.sql("""
            select content from comitia.document
             where owner_type = :type and owner_id = :owner and kind = :kind and source_sha256 = :source""")
        .param("type", ownerType).param("owner", ownerId).param("kind", kind).param("source", sourceDigest)
        .query(byte[].class).optional();
  }

  public Optional<Document> latest(String ownerType, String ownerId, String kind) {
    return jdbc.sql("""
            select * from comitia.document where owner_type = :type and owner_id = :owner and kind = :kind
             order by id desc limit 1""")
        .param("type", ownerType).param("owner", ownerId).param("kind", kind).query(Document.class).optional();
  }

  public Optional<Document> find(long id) {
    return jdbc.sql("select * from comitia.document where id = :id").param("id", id).query(Document.class).optional();
  }

  public List<Document> all(String ownerType, String ownerId) {
    return jdbc.sql("select * from comitia.document where owner_type = :type and owner_id = :owner order by id")
        .param("type", ownerType).param("owner", ownerId).query(Document.class).list();
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
