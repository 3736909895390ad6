package fr.comitia.session;

import fr.comitia.mail.OutgoingMail;
import java.util.List;
import org.springframework.stereotype.Component;

/** The documents attached to a convocation: the convocation itself and each draft, as PDF. */
@Component
class SessionDocuments {

  List<OutgoingMail.Attachment> convocation(String sessionId) {
    return List.of();
  }

  List<OutgoingMail.Attachment> draft(String deliberationId, int position) {
    return List.of();
  }
}
