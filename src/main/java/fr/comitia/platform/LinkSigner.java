package fr.comitia.platform;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed, expiring tokens for the links sent by mail (acknowledgement, proxy): HMAC-SHA256 with a
 * key made on first start and kept in the database, so that every node verifies the same links.
 */
@Component
public class LinkSigner {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private volatile byte[] key;

  LinkSigner(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** A token for {@code purpose} and {@code subject}, valid until {@code expiry}. */
  public String sign(String purpose, String subject, Instant expiry) {
    String payload = purpose + "|" + subject + "|" + expiry.getEpochSecond();
    return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(payload));
  }

  /** The subject when the token is ours, for this purpose and not expired; empty otherwise. */
  public Optional<String> verify(String purpose, String token) {
    if (token == null) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    try {
      String payload = new String(B64D.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      byte[] signature = B64D.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, mac(payload))) {
        return Optional.empty();
      }
      String[] parts = payload.split("\\|");
      if (parts.length != 3 || !parts[0].equals(purpose)) {
        return Optional.empty();
      }
      if (Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(clock.instant())) {
        return Optional.empty();
      }
      return Optional.of(parts[1]);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      // In its own transaction: the caller's (e.g. a mail job that may roll back) must neither keep
      // the key uncommitted, blocking every other signer, nor take it away with its rollback after
      // a link signed with it was sent.
      String stored = ownTransaction.execute(tx -> {
        jdbc.sql("""
                insert into comitia.app_secret (name, value, created_at) values ('link-signing-key', :value, :now)
                on conflict (name) do nothing""")
            .param("value", B64.encodeToString(fresh)).param("now", OffsetDateTime.now(clock)).update();
        return jdbc.sql("select value from comitia.app_secret where name = 'link-signing-key'")
            .query(String.class).single();
      });
      k = B64D.decode(stored);
      key = k;
    }
    return k;
  }
}
