package fr.comitia.register;

import org.springframework.jdbc.core.SimplePropertyRowMapper;
import java.util.Map;
import java.util.Collection;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The transmissions of acts to the prefecture (table {@code transmission}), one row per attempt. The
 * claim is the mails' discipline: one atomic update takes a PENDING row for one execution, and only
 * that execution hands the act to the gateway.
 */
@Repository
public class TransmissionRepository {

  private final JdbcClient jdbc;

  TransmissionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Transmission(long id, String deliberationId, int attempt, String status, String gateway,
      String claimToken, OffsetDateTime claimExpiresAt, int submissions, String lastError, String transactionId,
      String actesId, OffsetDateTime transmittedAt, OffsetDateTime acknowledgedAt, OffsetDateTime refusedAt,
      String refusal, OffsetDateTime createdAt) {}

  private static final String COLUMNS = """
      id, deliberation_id, attempt, status, gateway, claim_token, claim_expires_at, submissions, last_error,
      transaction_id, actes_id, transmitted_at, acknowledged_at, refused_at, refusal, created_at
      """;

  /** The attempt's row, created PENDING if it does not exist yet (two executions at once: one row). */
  public Transmission open(String deliberationId, int attempt, String gateway, OffsetDateTime now) {
    jdbc.sql("""
            insert into comitia.transmission (deliberation_id, attempt, status, gateway, created_at)
            values (:id, :attempt, 'PENDING', :gateway, :now) on conflict (deliberation_id, attempt) do nothing""")
        .param("id", deliberationId).param("attempt", attempt).param("gateway", gateway).param("now", now).update();
    return find(deliberationId, attempt).orElseThrow();
  }

  public Optional<Transmission> find(String deliberationId, int attempt) {
    return jdbc.sql("select " + COLUMNS + " from comitia.transmission where deliberation_id = :id and attempt = :attempt")
        .param("id", deliberationId).param("attempt", attempt).query(Transmission.class).optional();
  }

  /** The latest attempt of the act, if any. */
  public Optional<Transmission> latest(String deliberationId) {
    return jdbc.sql("select " + COLUMNS + """
             from comitia.transmission where deliberation_id = :id order by attempt desc limit 1""")
        .param("id", deliberationId).query(Transmission.class).optional();
  }

  /** The latest transmission of each deliberation that has one, in one query. */
  public Map<String, Transmission> latest(Collection<String> ids) {
    return Batch.single(ids, jdbc.sql("select distinct on (deliberation_id) " + COLUMNS + """
             from comitia.transmission where deliberation_id in (:ids) order by deliberation_id, attempt desc""")
        .param("ids", ids), new SimplePropertyRowMapper<>(Transmission.class));
  }

  /**
   * Takes a PENDING row (unclaimed, or under an expired claim) for the execution holding {@code token};
   * PostgreSQL re-checks the condition on a row a concurrent claim just committed: of two, one wins.
   */
  public boolean claim(long id, String token, OffsetDateTime now, OffsetDateTime expires) {
    return jdbc.sql("""
            update comitia.transmission set claim_token = :token, claim_expires_at = :expires,
                   submissions = submissions + 1
             where id = :id and status = 'PENDING' and (claim_token is null or claim_expires_at < :now)""")
        .param("id", id).param("token", token).param("now", now).param("expires", expires).update() == 1;
  }

  /** Lets the claim go after the gateway could not be reached (the next run claims again). */
  public void release(long id, String token, String error) {
    jdbc.sql("""
            update comitia.transmission set claim_token = null, claim_expires_at = null, last_error = :error
             where id = :id and claim_token = :token""")
        .param("id", id).param("token", token).param("error", error).update();
  }

  public boolean transmitted(long id, String token, String transactionId, OffsetDateTime at) {
    return jdbc.sql("""
            update comitia.transmission set status = 'TRANSMITTED', transaction_id = :tx, transmitted_at = :at,
                   claim_token = null, claim_expires_at = null, last_error = null
             where id = :id and claim_token = :token and status = 'PENDING'""")
        .param("id", id).param("token", token).param("tx", transactionId).param("at", at).update() == 1;
  }

  /** Refused by the gateway at submission (claimed row) or by the prefecture later (transmitted row). */
  public boolean refused(long id, String reason, OffsetDateTime at) {
    return jdbc.sql("""
            update comitia.transmission set status = 'REFUSED', refusal = :reason, refused_at = :at,
                   claim_token = null, claim_expires_at = null
             where id = :id and status in ('PENDING', 'TRANSMITTED')""")
        .param("id", id).param("reason", reason).param("at", at).update() == 1;
  }

  public boolean acknowledged(long id, String actesId, OffsetDateTime at, byte[] arActe) {
    return jdbc.sql("""
            update comitia.transmission set status = 'ACKNOWLEDGED', actes_id = :actes, acknowledged_at = :at,
                   ar_acte = :ar
             where id = :id and status = 'TRANSMITTED'""")
        .param("id", id).param("actes", actesId).param("at", at).param("ar", arActe).update() == 1;
  }
}
