package fr.comitia.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The claim on a delivery row: only the execution holding it sends the mail. Each step commits in
 * its own transaction (never the job's), so that other executions and other nodes see it at once
 * and it survives the job's rollback.
 */
@Component
class MailClaims {

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Duration duration;

  MailClaims(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
      @Value("${comitia.mail.claim-duration:PT5M}") Duration duration) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.duration = duration;
  }

  /**
   * Takes the row for this execution (QUEUED, FAILED, or SENDING under an expired claim) in one
   * atomic update; returns the claim's token, or empty when the row is SENT or claimed by a live
   * execution. PostgreSQL re-checks the condition on the row a concurrent claim just committed, so
   * of two executions at once exactly one gets it. Counts the attempt.
   */
  Optional<String> claim(String id) {
    String token = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(clock);
    int claimed = ownTransaction.execute(tx -> jdbc.sql("""
            update comitia.mail_delivery
               set status = 'SENDING', claim_token = :token, claim_expires_at = :expires, attempts = attempts + 1
             where id = :id
               and (status in ('QUEUED', 'FAILED') or (status = 'SENDING' and claim_expires_at < :now))""")
        .param("id", id).param("token", token).param("now", now).param("expires", now.plus(duration)).update());
    return claimed == 1 ? Optional.of(token) : Optional.empty();
  }

  /** Marks the mail SENT if this execution still holds its claim; false when it was taken over. */
  boolean sent(String id, String token, String smtpReply) {
    return sent(id, token, smtpReply, () -> {});
  }

  /** The same, and {@code proof} in the same transaction when the mail is marked SENT (its journal entry). */
  boolean sent(String id, String token, String smtpReply, Runnable proof) {
    return ownTransaction.execute(tx -> markSent(id, token, smtpReply) && run(proof));
  }

  private static boolean run(Runnable proof) {
    proof.run();
    return true;
  }

  private boolean markSent(String id, String token, String smtpReply) {
    return (jdbc.sql("""
            update comitia.mail_delivery
               set status = 'SENT', last_error = null, sent_at = :now, claim_token = null, claim_expires_at = null,
                   smtp_reply = :reply
             where id = :id and claim_token = :token""")
        .param("id", id).param("token", token).param("now", OffsetDateTime.now(clock))
        .param("reply", smtpReply == null ? null : smtpReply.length() > 1000 ? smtpReply.substring(0, 1000) : smtpReply)
        .update()) == 1;
  }

  /** Marks the mail FAILED with the server's answer if this execution still holds its claim. */
  boolean failed(String id, String token, String error) {
    return ownTransaction.execute(tx -> jdbc.sql("""
            update comitia.mail_delivery
               set status = 'FAILED', last_error = :error, claim_token = null, claim_expires_at = null
             where id = :id and claim_token = :token""")
        .param("id", id).param("token", token).param("error", error).update()) == 1;
  }

  /** When the live claim on this row expires, or null. */
  OffsetDateTime expiry(String id) {
    return jdbc.sql("select claim_expires_at from comitia.mail_delivery where id = :id").param("id", id)
        .query(OffsetDateTime.class).list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }
}
