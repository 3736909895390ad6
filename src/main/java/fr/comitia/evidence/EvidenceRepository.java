package fr.comitia.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The table {@code evidence_entry}: appends under a lock (one chain, whatever the nodes), reads in order. */
@Repository
class EvidenceRepository {

  /** The advisory lock that puts appends in one line; released at the end of the appending transaction. */
  private static final long APPEND_LOCK = 0x436f6d6974690010L;

  record Last(long seq, String hash) {}

  record NewEntry(long seq, String eventKey, String kind, String deliberationId, String sessionId,
      OffsetDateTime occurredAt, String summary, String facts, String previousHash, String hash) {}

  record Row(long seq, String eventKey, String kind, String deliberationId, String sessionId,
      OffsetDateTime occurredAt, String summary, String facts, String previousHash, String hash, byte[] token,
      OffsetDateTime tokenTime, String tokenAuthority) {}

  record Unstamped(long seq, String hash) {}

  private static final String COLUMNS = "seq, event_key, kind, deliberation_id, session_id, occurred_at, summary, "
      + "facts, previous_hash, hash, token, token_time, token_authority";

  private final JdbcClient jdbc;
  private final TransactionTemplate joined;
  private final TransactionTemplate own;

  EvidenceRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.joined = new TransactionTemplate(transactions);
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Appends the entry {@code next} builds from the last one, in the caller's transaction (or its own);
   * empty when an entry has that event key already.
   */
  Optional<Long> append(Function<Optional<Last>, NewEntry> next) {
    return joined.execute(tx -> {
      jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", APPEND_LOCK).query((rs, n) -> 1).list();
      NewEntry e = next.apply(jdbc.sql("select seq, hash from comitia.evidence_entry order by seq desc limit 1")
          .query((rs, n) -> new Last(rs.getLong("seq"), rs.getString("hash"))).optional());
      int inserted = jdbc.sql("""
              insert into comitia.evidence_entry (seq, event_key, kind, deliberation_id, session_id, occurred_at,
                                                  summary, facts, previous_hash, hash)
              values (:seq, :key, :kind, :deliberation, :session, :at, :summary, :facts, :previous, :hash)
              on conflict (event_key) do nothing""")
          .param("seq", e.seq()).param("key", e.eventKey()).param("kind", e.kind())
          .param("deliberation", e.deliberationId()).param("session", e.sessionId()).param("at", e.occurredAt())
          .param("summary", e.summary()).param("facts", e.facts()).param("previous", e.previousHash())
          .param("hash", e.hash()).update();
      return inserted == 1 ? Optional.of(e.seq()) : Optional.<Long>empty();
    });
  }

  /** Adds its token to an entry that has none, in a transaction of its own. */
  boolean stamp(long seq, byte[] token, Instant time, String authority) {
    return own.execute(tx -> jdbc.sql("""
            update comitia.evidence_entry set token = :token, token_time = :time, token_authority = :authority
             where seq = :seq and token is null""")
        .param("seq", seq).param("token", token).param("time", time.atOffset(ZoneOffset.UTC))
        .param("authority", authority == null ? null : authority.length() > 500 ? authority.substring(0, 500)
            : authority)
        .update()) == 1;
  }

  List<Unstamped> unstamped(int limit) {
    return own.execute(tx -> jdbc.sql("select seq, hash from comitia.evidence_entry where token is null order by seq "
            + "limit :limit")
        .param("limit", limit).query((rs, n) -> new Unstamped(rs.getLong("seq"), rs.getString("hash"))).list());
  }

  List<Row> forDeliberation(String deliberationId) {
    return jdbc.sql("select " + COLUMNS + " from comitia.evidence_entry where deliberation_id = :id order by seq")
        .param("id", deliberationId).query(EvidenceRepository::row).list();
  }

  List<Row> forSession(String sessionId) {
    return jdbc.sql("select " + COLUMNS + " from comitia.evidence_entry where session_id = :id order by seq")
        .param("id", sessionId).query(EvidenceRepository::row).list();
  }

  List<Row> page(long fromSeq, int limit) {
    return jdbc.sql("select " + COLUMNS + " from comitia.evidence_entry where seq >= :from order by seq limit :limit")
        .param("from", fromSeq).param("limit", limit).query(EvidenceRepository::row).list();
  }

  List<Row> latest(int limit) {
    return jdbc.sql("select * from (select " + COLUMNS + " from comitia.evidence_entry order by seq desc limit :limit) "
            + "e order by seq")
        .param("limit", limit).query(EvidenceRepository::row).list();
  }

  Optional<Row> byKey(String eventKey) {
    return jdbc.sql("select " + COLUMNS + " from comitia.evidence_entry where event_key = :key")
        .param("key", eventKey).query(EvidenceRepository::row).optional();
  }

  /** Every entry in order, streamed (the journal grows for years). */
  void eachInOrder(Consumer<Row> consumer) {
    own.executeWithoutResult(tx -> {
      try (var rows = jdbc.sql("select " + COLUMNS + " from comitia.evidence_entry order by seq")
          .query(EvidenceRepository::row).stream()) {
        rows.forEach(consumer);
      }
    });
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    return new Row(rs.getLong("seq"), rs.getString("event_key"), rs.getString("kind"), rs.getString("deliberation_id"),
        rs.getString("session_id"), rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("summary"),
        rs.getString("facts"), rs.getString("previous_hash"), rs.getString("hash"), rs.getBytes("token"),
        rs.getObject("token_time", OffsetDateTime.class), rs.getString("token_authority"));
  }
}
