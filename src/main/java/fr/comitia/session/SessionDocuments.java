package fr.comitia.session;

import fr.comitia.document.DraftDocuments;
import fr.comitia.mail.OutgoingMail;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The documents attached to a convocation: the convocation itself and each draft, as PDF, rendered
 * by {@code document} from the register.
 */
@Component
class SessionDocuments {

  private final DraftDocuments documents;

  SessionDocuments(DraftDocuments documents) {
    this.documents = documents;
  }

  List<OutgoingMail.Attachment> convocation(String sessionId) {
    return List.of(new OutgoingMail.Attachment("convocation-" + sessionId + ".pdf", "application/pdf",
        documents.convocationPdf(sessionId)));
  }

  List<OutgoingMail.Attachment> draft(String deliberationId, int position) {
    return List.of(new OutgoingMail.Attachment("projet-" + position + "-" + deliberationId + ".pdf",
        "application/pdf", documents.draftPdf(deliberationId)));
  }
}
