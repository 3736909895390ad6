package fr.comitia.web;

import fr.comitia.mail.CapturedMailbox.CapturedMail;
import fr.comitia.mail.CapturedMailbox;
import fr.comitia.roster.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Démonstration", description = "Outils du profil demo, pour les administrateurs : courriels capturés par le serveur SMTP embarqué, horloge de démonstration.")
@Controller
@RequestMapping("/api/mailbox")
class MailboxController {

  private final CapturedMailbox mailbox;
  private final CurrentUser currentUser;

  MailboxController(CapturedMailbox mailbox, CurrentUser currentUser) {
    this.mailbox = mailbox;
    this.currentUser = currentUser;
  }

  @Operation(summary = "Lister les courriels capturés (profil demo)")
  @ApiDoc.Refuses({403, 404})
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
    model.addAttribute("dates", new RegisterScreenController.Dates());
    return "web/mailbox";
  }

  @Operation(summary = "Lire un courriel capturé, décodé (profil demo)")
  @ApiDoc.Refuses({403, 404})
  @GetMapping(value = "/{index}", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  CapturedMail mail(@PathVariable int index) {
    check();
    return find(index);
  }

  /** One mail as a person reads it: headers, the text, a link to the HTML version, the attachments. */
  @GetMapping(value = "/{index}", produces = MediaType.TEXT_HTML_VALUE)
  String view(@PathVariable int index, Model model) {
    check();
    model.addAttribute("m", find(index));
    model.addAttribute("dates", new RegisterScreenController.Dates());
    return "web/mailbox-mail";
  }

  /** The HTML part, as the recipient's mail reader shows it (sandboxed: no script, no form). */
  @GetMapping("/{index}/html")
  org.springframework.http.ResponseEntity<String> html(@PathVariable int index) {
    check();
    CapturedMail mail = find(index);
    if (mail.html() == null) {
      throw ApiException.notFound("Le courriel n° " + index + " n'a pas de version HTML.");
    }
    return org.springframework.http.ResponseEntity.ok()
        .contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
        .header("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .body(mail.html());
  }

  /** Attachment {@code number} (from 1) of the mail, downloaded with its name and type. */
  @GetMapping("/{index}/pieces/{number}")
  org.springframework.http.ResponseEntity<byte[]> attachment(@PathVariable int index, @PathVariable int number) {
    check();
    CapturedMailbox.AttachmentContent content = mailbox.attachment(index, number).orElseThrow(() ->
        ApiException.notFound("Pièce jointe n° " + number + " du courriel n° " + index + " introuvable."));
    return org.springframework.http.ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(content.attachment().mediaType()))
        .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition
            .attachment().filename(content.attachment().fileName(), java.nio.charset.StandardCharsets.UTF_8).build()
            .toString())
        .body(content.content());
  }

  private CapturedMail find(int index) {
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
