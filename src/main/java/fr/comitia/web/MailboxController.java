package fr.comitia.web;

import fr.comitia.mail.CapturedMailbox;
import fr.comitia.mail.CapturedMailbox.CapturedMail;
import fr.comitia.roster.Groups;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The trial run's captured mails, for administrators: JSON for tools, an HTML page for a browser.
 */
@Controller
@RequestMapping("/api/mailbox")
class MailboxController {

  private final CapturedMailbox mailbox;
  private final CurrentUser currentUser;

  MailboxController(CapturedMailbox mailbox, CurrentUser currentUser) {
    this.mailbox = mailbox;
    this.currentUser = currentUser;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  List<CapturedMail> mails() {
    check();
    return mailbox.mails();
  }

  @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
  String page(Model model) {
    check();
    model.addAttribute("mails", mailbox.mails());
    return "web/mailbox";
  }

  @GetMapping(value = "/{index}", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  CapturedMail mail(@PathVariable int index) {
    check();
    return mailbox.mail(index).orElseThrow(() -> ApiException.notFound("Courriel n° " + index + " introuvable."));
  }

  private void check() {
    currentUser.requireGroup(Groups.ADMIN, "la lecture des courriels capturés");
    if (!mailbox.available()) {
      throw ApiException.notFound(
          "Aucun courriel capturé : Comitia envoie par un serveur SMTP externe (spring.mail.host).");
    }
  }
}
