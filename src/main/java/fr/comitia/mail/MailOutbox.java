package fr.comitia.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Mails decided in a business transaction (e.g. the proxy holder's notice, decided when a member
 * declares a proxy): the mail and its content are stored in {@code mail_delivery} and process
 * {@code mailDelivery} (business key = the delivery id) is started, both in the caller's
 * transaction. Nothing is sent in it: the process's asynchronous job sends the mail once
 * ({@link MailService}), retried R5/PT5M, then an incident in Cockpit. The caller answers at once
 * whatever the SMTP server does, and a rolled back declaration leaves no mail behind.
 */
@Component
public class MailOutbox {

  static final String PROCESS_KEY = "mailDelivery";

  private final JdbcClient jdbc;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final Clock clock;

  MailOutbox(JdbcClient jdbc, RuntimeService runtimeService, IdentityService identityService, Clock clock) {
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.clock = clock;
  }

  /** Queues the mail (text and HTML, no attachment); false when a mail of that id is already queued. */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean queue(OutgoingMail mail) {
    if (!mail.attachments().isEmpty()) {
      throw new IllegalArgumentException("Outbox mails carry no attachments: " + mail.id());
    }
    int inserted = jdbc.sql("""
            insert into comitia.mail_delivery (id, kind, recipient, recipient_id, subject, session_id, deliberation_id,
                   status, attempts, queued_at, text_body, html_body)
            values (:id, :kind, :to, :rid, :subject, :session, :delib, 'QUEUED', 0, :now, :text, :html)
            on conflict (id) do nothing""")
        .param("id", mail.id()).param("kind", mail.kind()).param("to", mail.to()).param("rid", mail.recipientId())
        .param("subject", mail.subject()).param("session", mail.sessionId()).param("delib", mail.deliberationId())
        .param("now", OffsetDateTime.now(clock)).param("text", mail.text()).param("html", mail.html()).update();
    if (inserted == 0) {
      return false;
    }
    // Comitia starts it, not the user of the request (who may have no right to start processes).
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      runtimeService.startProcessInstanceByKey(PROCESS_KEY, mail.id());
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
    return true;
  }
}
