package fr.comitia.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a mail once, from an asynchronous job of the engine: a mail already sent under the same id
 * is not sent again (a retried job), and every attempt's outcome is kept in {@code mail_delivery}
 * in its own transaction, so that it survives the job's rollback. An SMTP failure is rethrown: the
 * job retries on its cycle and ends as an incident in Cockpit.
 */
@Service
public class MailService {

  private static final Logger log = LoggerFactory.getLogger(MailService.class);

  private final JavaMailSender sender;
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final String from;
  private final String messageIdDomain;

  MailService(JavaMailSender sender, JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
      @Value("${comitia.mail.from:Comitia <ne-pas-repondre@comitia.example.org>}") String from,
      @Value("${comitia.mail.message-id-domain:comitia.example.org}") String messageIdDomain) {
    this.sender = sender;
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.from = from;
    this.messageIdDomain = messageIdDomain;
  }

  public record Delivery(String id, String kind, String recipient, String recipientId, String subject,
      String sessionId, String deliberationId, String status, int attempts, String lastError,
      OffsetDateTime queuedAt, OffsetDateTime sentAt) {}

  public String messageId(String deliveryId) {
    return "<" + deliveryId + "@" + messageIdDomain + ">";
  }

  /** Sends unless already sent; returns true when this call sent it. */
  public boolean sendOnce(OutgoingMail mail) {
    Optional<Delivery> known = delivery(mail.id());
    if (known.isPresent() && "SENT".equals(known.get().status())) {
      log.info("Courriel {} déjà envoyé le {} : pas de second envoi", mail.id(), known.get().sentAt());
      return false;
    }
    ownTransaction.executeWithoutResult(tx -> queue(mail));
    try {
      sender.send(toMime(mail));
    } catch (MailException | MessagingException e) {
      String reason = rootMessage(e);
      ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
              update comitia.mail_delivery set status = 'FAILED', attempts = attempts + 1, last_error = :error
               where id = :id""").param("id", mail.id()).param("error", reason).update());
      throw new MailDeliveryException("Envoi du courriel « " + mail.subject() + " » à " + mail.to()
          + " impossible : " + reason, e);
    }
    ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
            update comitia.mail_delivery set status = 'SENT', attempts = attempts + 1, last_error = null, sent_at = :now
             where id = :id""").param("id", mail.id()).param("now", OffsetDateTime.now(clock)).update());
    return true;
  }

  private void queue(OutgoingMail mail) {
    jdbc.sql("""
            insert into comitia.mail_delivery (id, kind, recipient, recipient_id, subject, session_id, deliberation_id,
                   status, attempts, queued_at)
            values (:id, :kind, :to, :rid, :subject, :session, :delib, 'QUEUED', 0, :now)
            on conflict (id) do nothing""")
        .param("id", mail.id()).param("kind", mail.kind()).param("to", mail.to()).param("rid", mail.recipientId())
        .param("subject", mail.subject()).param("session", mail.sessionId()).param("delib", mail.deliberationId())
        .param("now", OffsetDateTime.now(clock)).update();
  }

  private MimeMessage toMime(OutgoingMail mail) throws MessagingException {
    MimeMessage message = new StableIdMimeMessage(sender.createMimeMessage(), messageId(mail.id()));
    boolean multipart = mail.html() != null || !mail.attachments().isEmpty();
    MimeMessageHelper helper = new MimeMessageHelper(message, multipart, "UTF-8");
    helper.setFrom(from);
    helper.setTo(mail.to());
    helper.setSubject(mail.subject());
    if (mail.html() != null) {
      helper.setText(mail.text(), mail.html());
    } else {
      helper.setText(mail.text());
    }
    for (OutgoingMail.Attachment a : mail.attachments()) {
      helper.addAttachment(a.fileName(), new ByteArrayResource(a.content()), a.mediaType());
    }
    message.setSentDate(java.util.Date.from(clock.instant()));
    return message;
  }

  public Optional<Delivery> delivery(String id) {
    return jdbc.sql("select * from comitia.mail_delivery where id = :id").param("id", id)
        .query(Delivery.class).optional();
  }

  public List<Delivery> forSession(String sessionId) {
    return jdbc.sql("select * from comitia.mail_delivery where session_id = :id order by queued_at, id")
        .param("id", sessionId).query(Delivery.class).list();
  }

  public List<Delivery> forDeliberation(String deliberationId) {
    return jdbc.sql("select * from comitia.mail_delivery where deliberation_id = :id order by queued_at, id")
        .param("id", deliberationId).query(Delivery.class).list();
  }

  public int sentCount(String idPrefix) {
    return jdbc.sql("select count(*) from comitia.mail_delivery where id like :prefix and status = 'SENT'")
        .param("prefix", idPrefix + "%").query(Integer.class).single();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Keeps the Message-ID we give instead of the one JavaMail would make at each send. */
  private static final class StableIdMimeMessage extends MimeMessage {
    private final String messageId;

    StableIdMimeMessage(MimeMessage source, String messageId) throws MessagingException {
      super(source.getSession());
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
