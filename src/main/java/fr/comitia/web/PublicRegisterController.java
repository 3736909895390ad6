package fr.comitia.web;

import fr.comitia.legality.PublicRegister;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The body's public register (no login): the published acts, newest first, with search; a page per
 * act with its signed PDF/A, SHA-256, author and date put online; the open data (SCDL CSV and JSON).
 * Nothing not yet published is ever shown (see {@link PublicRegister}).
 */
@Controller
@RequestMapping("/registre")
class PublicRegisterController {

  private final PublicRegister register;

  PublicRegisterController(PublicRegister register) {
    this.register = register;
  }

  @GetMapping
  String list(@RequestParam(required = false) String q, @RequestParam(required = false) String numero,
      @RequestParam(required = false) String annee, Model model) {
    Integer year = null;
    if (annee != null && !annee.isBlank()) {
      if (!annee.strip().matches("\\d{4}")) {
        throw new BadSearch("L'année « " + annee + " » doit s'écrire sur quatre chiffres (par exemple 2022).");
      }
      year = Integer.parseInt(annee.strip());
    }
    if (q != null && q.length() > 200 || numero != null && numero.length() > 20) {
      throw new BadSearch("La recherche est trop longue (200 caractères pour l'objet, 20 pour le numéro).");
    }
    model.addAttribute("organisation", register.organisationName());
    model.addAttribute("acts", register.search(q, numero, year));
    model.addAttribute("lists", register.lists());
    model.addAttribute("minutes", register.minutes());
    model.addAttribute("q", q);
    model.addAttribute("numero", numero);
    model.addAttribute("annee", annee);
    return "web/registre";
  }

  @GetMapping("/actes/{id}")
  String act(@PathVariable String id, Model model) {
    model.addAttribute("organisation", register.organisationName());
    model.addAttribute("a", register.act(id).orElseThrow(NotPublished::new));
    return "web/registre-acte";
  }

  @GetMapping("/actes/{id}/acte.pdf")
  ResponseEntity<byte[]> pdf(@PathVariable String id) {
    var document = register.pdf(id).orElseThrow(NotPublished::new);
    return file(document.content(), document.fileName(), MediaType.APPLICATION_PDF);
  }

  @GetMapping("/actes/{id}/annexes/{annexId}.pdf")
  ResponseEntity<byte[]> annex(@PathVariable String id, @PathVariable long annexId) {
    var annex = register.annex(id, annexId).orElseThrow(NotPublished::new);
    return file(register.annexContent(id, annexId).orElseThrow(NotPublished::new), annex.fileName(),
        MediaType.APPLICATION_PDF);
  }

  @GetMapping("/seances/{sessionId}/liste-des-deliberations.pdf")
  ResponseEntity<byte[]> sessionList(@PathVariable String sessionId) {
    var document = register.listPdf(sessionId).orElseThrow(NotPublished::new);
    return file(document.content(), document.fileName(), MediaType.APPLICATION_PDF);
  }

  @GetMapping("/seances/{sessionId}/proces-verbal.pdf")
  ResponseEntity<byte[]> sessionMinutes(@PathVariable String sessionId) {
    var document = register.minutesPdf(sessionId).orElseThrow(NotPublished::new);
    return file(document.content(), document.fileName(), MediaType.APPLICATION_PDF);
  }

  @GetMapping("/deliberations.csv")
  ResponseEntity<byte[]> csv() {
    return file(register.csv(), "deliberations.csv", new MediaType("text", "csv", StandardCharsets.UTF_8));
  }

  @GetMapping("/deliberations.json")
  ResponseEntity<byte[]> json() {
    return file(register.json(), "deliberations.json", MediaType.APPLICATION_JSON);
  }

  private static ResponseEntity<byte[]> file(byte[] content, String name, MediaType type) {
    return ResponseEntity.ok().contentType(type)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename(name, StandardCharsets.UTF_8).build().toString())
        .body(content);
  }

  static final class NotPublished extends RuntimeException {}

  static final class BadSearch extends RuntimeException {
    BadSearch(String message) {
      super(message);
    }
  }

  @ExceptionHandler({NotPublished.class, MethodArgumentTypeMismatchException.class})
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notPublished(Model model) {
    model.addAttribute("organisation", register.organisationName());
    model.addAttribute("message", "Aucun acte publié ne correspond à cette adresse.");
    return "web/registre-introuvable";
  }

  @ExceptionHandler(BadSearch.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String badSearch(BadSearch e, Model model) {
    model.addAttribute("organisation", register.organisationName());
    model.addAttribute("message", e.getMessage());
    return "web/registre-introuvable";
  }
}
