package fr.comitia.session;

import fr.comitia.register.AnnexFileRepository;
import java.util.ArrayList;
import fr.comitia.document.DraftDocuments;
import fr.comitia.mail.OutgoingMail;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The documents attached to a convocation: the convocation itself and each draft, as PDF, rendered
 * by {@code document} from the register.
 */
@Component
class SessionDocuments {

  private final DraftDocuments documents;
  private final AnnexFileRepository annexes;

  SessionDocuments(DraftDocuments documents, AnnexFileRepository annexes) {
    this.annexes = annexes;
    this.documents = documents;
  }

  List<OutgoingMail.Attachment> convocation(String sessionId) {
    return List.of(new OutgoingMail.Attachment("convocation-" + sessionId + ".pdf", "application/pdf",
        documents.convocationPdf(sessionId)));
  }

  /** Each annex file of the draft as the convocation names it: « Annexe 1 — title » and its link on the member's page. */
  static List<Map<String, String>> annexLinks(String deliberationId, List<AnnexFileRepository.AnnexFile> files,
      String memberSpaceLink) {
    return files.stream().map(a -> Map.of(
        "label", "Annexe " + a.position() + " — " + a.title(),
        "link", MemberSpace.annexLink(memberSpaceLink, deliberationId, a.id()))).toList();
  }

  /** The draft of item {@code position}, then its annex files (PDF, as joined). */
  List<OutgoingMail.Attachment> draft(String deliberationId, int position) {
    List<OutgoingMail.Attachment> attachments = new ArrayList<>();
    attachments.add(new OutgoingMail.Attachment("projet-" + position + "-" + deliberationId + ".pdf",
        "application/pdf", documents.draftPdf(deliberationId)));
    for (AnnexFileRepository.AnnexFile annex : annexes.list(deliberationId)) {
      attachments.add(new OutgoingMail.Attachment("projet-" + position + "-annexe-" + annex.position() + "-"
          + annex.fileName(), "application/pdf", annexes.content(deliberationId, annex.id()).orElseThrow()));
    }
    return attachments;
  }
}
