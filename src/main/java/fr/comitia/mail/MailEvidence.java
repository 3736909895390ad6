package fr.comitia.mail;

import fr.comitia.evidence.EvidenceJournal;
import fr.comitia.evidence.EvidenceKind;
import fr.comitia.platform.TimestampTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The proof of sending in the evidence journal: the mail the SMTP server accepted, to whom, with its
 * Message-ID, the server's answer and the SHA-256 of each attachment (what was sent, not only that it was).
 */
@Component
class MailEvidence {

  private final EvidenceJournal journal;

  MailEvidence(EvidenceJournal journal) {
    this.journal = journal;
  }

  void accepted(OutgoingMail mail, String messageId, String smtpReply) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("deliveryId", mail.id());
    facts.put("mailKind", mail.kind());
    facts.put("recipientId", mail.recipientId());
    facts.put("recipient", mail.to());
    facts.put("subject", mail.subject());
    facts.put("messageId", messageId);
    facts.put("smtpReply", smtpReply);
    facts.put("attachments", mail.attachments().stream().map(a -> Map.of("name", a.fileName(),
        "sha256", TimestampTokens.hex(TimestampTokens.sha256(a.content())))).toList());
    journal.record(EvidenceKind.MAIL_ACCEPTED, "mail-accepted-" + mail.id(), mail.deliberationId(), mail.sessionId(),
        "Courriel « " + mail.subject() + " » à " + mail.to() + " accepté par le serveur SMTP"
            + (smtpReply == null ? "." : " : « " + smtpReply + " »."), facts);
  }
}
