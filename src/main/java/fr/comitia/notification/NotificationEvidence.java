package fr.comitia.notification;

import fr.comitia.evidence.EvidenceJournal;
import fr.comitia.evidence.EvidenceKind;
import fr.comitia.register.NotificationRepository.Notification;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A partner's acknowledgement of the notified act in the evidence journal. */
@Component
class NotificationEvidence {

  private final EvidenceJournal journal;

  NotificationEvidence(EvidenceJournal journal) {
    this.journal = journal;
  }

  void acknowledged(Notification n, OffsetDateTime at, String by) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("notificationId", n.id());
    facts.put("partnerId", n.partnerId());
    facts.put("partner", n.name());
    facts.put("email", n.email());
    facts.put("notifiedAt", n.notifiedAt() == null ? null : n.notifiedAt().toString());
    facts.put("acknowledgedBy", by);
    journal.record(EvidenceKind.NOTIFICATION_ACKNOWLEDGED, "notification-acknowledged-" + n.id(), n.deliberationId(),
        null, at, "Réception de la notification de « " + n.deliberationId() + " » accusée par " + n.name()
            + (by == null ? "." : " (" + by + ")."), facts);
  }
}
