package fr.comitia.document;

import fr.comitia.evidence.EvidenceJournal;
import fr.comitia.evidence.EvidenceKind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The signature of an act in the evidence journal: which file, its SHA-256, by whom, when, at which level. */
@Component
class DocumentEvidence {

  private final EvidenceJournal journal;

  DocumentEvidence(EvidenceJournal journal) {
    this.journal = journal;
  }

  void signed(String deliberationId, String number, DocumentStore.Document signed, String level) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("number", number);
    facts.put("documentId", signed.id());
    facts.put("documentKind", signed.kind());
    facts.put("fileName", signed.fileName());
    facts.put("sha256", signed.sha256());
    facts.put("signer", signed.signerSubject());
    facts.put("signatureLevel", level);
    journal.record(EvidenceKind.ACT_SIGNED, "act-signed-" + signed.kind() + "-" + deliberationId, deliberationId, null,
        signed.signedAt(), "Acte n° " + number + " signé (" + signed.fileName() + ", SHA-256 " + signed.sha256() + ").",
        facts);
  }
}
