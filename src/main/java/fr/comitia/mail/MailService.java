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
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a mail once, from an asynchronous job of the engine, whatever runs that job and however
 * often. Before sending, the execution claims the mail's {@code mail_delivery} row (status SENDING,
 * a token, an expiry of {@code comitia.mail.claim-duration}); an execution that does not get the
 * claim sends nothing: it returns quietly when the mail is SENT (a retried job) and throws
 * {@link MailInFlightException} when another execution holds a live claim. SENT and FAILED are
 * recorded only by the claim's holder. Only a mail in flight when its node died goes twice: its
 * claim expires and the next attempt takes it over, with the same Message-ID. An SMTP failure is
 * rethrown: the job retries on its cycle and ends as an incident in Cockpit.
 *
 * <p>The SMTP timeouts ({@code spring.mail.properties}) must stay well below the claim duration,
 * so that a live send ends (sent or failed) before anyone may take its claim over.
 */
@Service
public class MailService {

  private static final Logger log = LoggerFactory.getLogger(MailService.class);

  /**
   * Jakarta Mail looks up its stream provider for every MIME part it encodes; without this system
   * property (its documented override) each lookup is a ServiceLoader scan of the classpath.
   */
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  static {
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  private final JavaMailSender sender;
  private final JdbcClient jdbc;
  private final MailClaims claims;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final String from;
  private final String messageIdDomain;
  private final fr.comitia.roster.Organisation organisation;
  /** Where a recipient's answer goes: the secretariat (the organisation's address), not the no-reply sender. */
  private final String replyTo;
  private final MailEvidence evidence;

  MailService(JavaMailSender sender, JdbcClient jdbc, MailClaims claims, PlatformTransactionManager transactions,
      Clock clock,
      @Value("${comitia.mail.from:Comitia <ne-pas-repondre@comitia.example.org>}") String from,
      @Value("${comitia.mail.message-id-domain:comitia.example.org}") String messageIdDomain,
      fr.comitia.roster.Organisation organisation, @Value("${comitia.mail.reply-to:}") String replyTo,
      MailEvidence evidence) {
    this.evidence = evidence;
    this.organisation = organisation;
    this.replyTo = replyTo == null || replyTo.isBlank() ? organisation.email() : replyTo.strip();
    this.sender = sender;
    this.jdbc = jdbc;
    this.claims = claims;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.from = from;
    this.messageIdDomain = messageIdDomain;
  }

  /** A mail's delivery; {@code status} is QUEUED, SENDING (claimed, being sent), SENT or FAILED. */
  public record Delivery(String id, String kind, String recipient, String recipientId, String subject,
      String sessionId, String deliberationId, String status, int attempts, String lastError,
      OffsetDateTime queuedAt, OffsetDateTime sentAt, String smtpReply) {}

  public String messageId(String deliveryId) {
    return "<" + deliveryId + "@" + messageIdDomain + ">";
  }

  /**
   * Sends unless already sent; returns true when this call sent it, false when it was already sent.
   *
   * @throws MailInFlightException another execution holds a live claim on this mail
   * @throws MailDeliveryException the SMTP server did not take it
   */
  public boolean sendOnce(OutgoingMail mail) {
    ownTransaction.executeWithoutResult(tx -> queue(mail));
    return claimAndSend(mail);
  }

  /** Sends a mail of the outbox ({@link MailOutbox}), stored with its content; same rules as {@link #sendOnce}. */
  boolean sendQueued(String id) {
    OutgoingMail mail = jdbc.sql("""
            select id, kind, recipient, recipient_id, subject, text_body, html_body, session_id, deliberation_id
              from comitia.mail_delivery where id = :id""")
        .param("id", id)
        .query((rs, n) -> new OutgoingMail(rs.getString("id"), rs.getString("kind"), rs.getString("recipient"),
            rs.getString("recipient_id"), rs.getString("subject"), rs.getString("text_body"), rs.getString("html_body"),
            rs.getString("session_id"), rs.getString("deliberation_id"), List.of()))
        .optional().orElseThrow(() -> new IllegalStateException("No mail " + id + " in the outbox"));
    if (mail.text() == null) {
      throw new IllegalStateException("Mail " + id + " has no stored content: it is not an outbox mail");
    }
    return claimAndSend(mail);
  }

  private boolean claimAndSend(OutgoingMail mail) {
    Optional<String> claim = claims.claim(mail.id());
    if (claim.isEmpty()) {
      Delivery known = delivery(mail.id()).orElseThrow();
      if ("SENT".equals(known.status())) {
        log.info("Courriel {} déjà envoyé le {} : pas de second envoi", mail.id(), known.sentAt());
        return false;
      }
      throw new MailInFlightException(mail.id(), mail.to(), claims.expiry(mail.id()));
    }
    String token = claim.get();
    String reply;
    try {
      reply = transmit(toMime(mail));
    } catch (MessagingException | RuntimeException e) {
      String reason = rootMessage(e);
      if (!claims.failed(mail.id(), token, reason)) {
        log.warn("Courriel {} : réservation expirée pendant l'envoi, échec non enregistré ({})", mail.id(), reason);
      }
      throw new MailDeliveryException("Envoi du courriel « " + mail.subject() + " » à " + mail.to()
          + " impossible : " + reason, e);
    }
    if (!claims.sent(mail.id(), token, reply, () -> evidence.accepted(mail, messageId(mail.id()), reply))) {
      log.warn("Courriel {} envoyé après l'expiration de sa réservation : une autre exécution a pu l'envoyer aussi",
          mail.id());
    }
    return true;
  }

  /**
   * Hands the message to the SMTP server and returns its answer (« 250 2.0.0 Ok: queued as … »), the
   * proof that it accepted the mail; null where the sender is not Spring's JavaMailSenderImpl.
   */
  private String transmit(MimeMessage message) throws MessagingException {
    if (!(sender instanceof org.springframework.mail.javamail.JavaMailSenderImpl impl)) {
      sender.send(message);
      return null;
    }
    // As JavaMailSenderImpl does, keeping the Message-ID, but keeping the transport's last answer too.
    String messageId = message.getMessageID();
    message.saveChanges();
    if (messageId != null) {
      message.setHeader("Message-ID", messageId);
    }
    try (jakarta.mail.Transport transport = impl.getSession().getTransport(
        impl.getProtocol() == null ? "smtp" : impl.getProtocol())) {
      transport.connect(impl.getHost(), impl.getPort(), impl.getUsername(), impl.getPassword());
      transport.sendMessage(message, message.getAllRecipients());
      String reply = transport instanceof org.eclipse.angus.mail.smtp.SMTPTransport smtp
          ? smtp.getLastServerResponse() : null;
      return reply == null ? null : reply.strip();
    }
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
    helper.setFrom(sender());
    if (replyTo != null && !replyTo.isBlank()) {
      helper.setReplyTo(replyTo);
    }
    helper.setTo(mail.to());
    helper.setSubject(mail.subject());
    if (mail.html() != null) {
      helper.setText(mail.text(), mail.html());
    } else {
      helper.setText(mail.text());
    }
    for (OutgoingMail.Attachment a : mail.attachments()) {
      helper.addAttachment(a.fileName(), new ByteArrayResource(a.content()), a.mediaType());
      if (mail.html() != null && a.mediaType().startsWith("text/calendar")) {
        calendarAlternative(helper, a);
      }
    }
    message.setSentDate(java.util.Date.from(clock.instant()));
    return message;
  }

  /**
   * An invitation is also the third alternative of the body (text, HTML, {@code text/calendar;
   * method=REQUEST}), where Outlook, Gmail and Thunderbird look for it to offer « Accepter » ; the
   * {@code .ics} attachment stays for the clients that only open files.
   */
  private static void calendarAlternative(MimeMessageHelper helper, OutgoingMail.Attachment calendar)
      throws MessagingException {
    try {
      if (helper.getMimeMultipart().getBodyPart(0).getContent() instanceof jakarta.mail.internet.MimeMultipart body
          && body.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/alternative")) {
        jakarta.mail.internet.MimeBodyPart part = new jakarta.mail.internet.MimeBodyPart();
        part.setDataHandler(new jakarta.activation.DataHandler(
            new jakarta.mail.util.ByteArrayDataSource(calendar.content(), calendar.mediaType())));
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        body.addBodyPart(part);
      }
    } catch (java.io.IOException e) {
      throw new MessagingException("Corps du courriel illisible", e);
    }
  }

  /**
   * The sender as recipients read it: the body's name (« SMO Nord – Pas-de-Calais Numérique »)
   * with the address of {@code comitia.mail.from}.
   */
  jakarta.mail.internet.InternetAddress sender() throws MessagingException {
    jakarta.mail.internet.InternetAddress address = new jakarta.mail.internet.InternetAddress(from);
    String name = organisation.shortName() != null && !organisation.shortName().isBlank() ? organisation.shortName()
        : organisation.name();
    try {
      return new jakarta.mail.internet.InternetAddress(address.getAddress(), name, "UTF-8");
    } catch (java.io.UnsupportedEncodingException impossible) {
      return address;
    }
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
