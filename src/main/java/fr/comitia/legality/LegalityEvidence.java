package fr.comitia.legality;

import fr.comitia.evidence.EvidenceJournal;
import fr.comitia.evidence.EvidenceKind;
import fr.comitia.platform.TimestampTokens;
import fr.comitia.register.PublicationRepository.Publication;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Transmission, acknowledgement and publication of an act in the evidence journal. */
@Component
class LegalityEvidence {

  private final EvidenceJournal journal;

  LegalityEvidence(EvidenceJournal journal) {
    this.journal = journal;
  }

  void transmitted(String deliberationId, int attempt, String gateway, String transactionId, OffsetDateTime at) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("attempt", attempt);
    facts.put("gateway", gateway);
    facts.put("transactionId", transactionId);
    journal.record(EvidenceKind.ACT_TRANSMITTED, "act-transmitted-" + deliberationId + "-" + attempt, deliberationId,
        null, at, "Acte « " + deliberationId + " » transmis au représentant de l'État (" + gateway + ", transaction "
            + transactionId + ").", facts);
  }

  void acknowledged(String deliberationId, int attempt, String actesId, OffsetDateTime acknowledgedAt, byte[] arActe) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("attempt", attempt);
    facts.put("actesId", actesId);
    facts.put("acknowledgedAt", acknowledgedAt == null ? null : acknowledgedAt.toString());
    facts.put("arActeSha256", arActe == null ? null : TimestampTokens.hex(TimestampTokens.sha256(arActe)));
    journal.record(EvidenceKind.ACT_ACKNOWLEDGED, "act-acknowledged-" + deliberationId + "-" + attempt, deliberationId,
        null, acknowledgedAt,
        "Accusé de réception de la préfecture pour « " + deliberationId + " » : " + actesId + ".", facts);
  }

  void published(Publication publication, String url) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("documentId", publication.documentId());
    facts.put("sha256", publication.sha256());
    facts.put("url", url);
    facts.put("author", publication.author());
    journal.record(EvidenceKind.ACT_PUBLISHED, "act-published-" + publication.deliberationId(),
        publication.deliberationId(), null, publication.publishedAt(), "Acte « " + publication.deliberationId()
            + " » publié sous forme électronique (SHA-256 " + publication.sha256() + ").", facts);
  }
}
