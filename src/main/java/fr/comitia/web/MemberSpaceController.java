package fr.comitia.web;

import fr.comitia.document.DraftDocuments;
import fr.comitia.register.AnnexFileRepository;
import fr.comitia.roster.Organisation.Member;
import fr.comitia.session.MemberSpace;
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
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The members' page behind their personal link (no login: the signed token names the member): their
 * sessions, agendas, notes, drafts and annex files, declarations, substitute, the acts of past sessions.
 */
@Controller
@RequestMapping("/elus/{token}")
class MemberSpaceController {

  private final MemberSpace space;
  private final DraftDocuments drafts;
  private final AnnexFileRepository annexes;

  MemberSpaceController(MemberSpace space, DraftDocuments drafts, AnnexFileRepository annexes) {
    this.space = space;
    this.drafts = drafts;
    this.annexes = annexes;
  }

  @GetMapping
  String page(@PathVariable String token, Model model) {
    Member member = member(token);
    model.addAttribute("page", space.page(member));
    model.addAttribute("token", token);
    return "web/member-space";
  }

  @GetMapping("/projets/{deliberationId}.pdf")
  ResponseEntity<byte[]> draft(@PathVariable String token, @PathVariable String deliberationId) {
    Member member = member(token);
    if (!space.mayRead(member.id(), deliberationId)) {
      throw new NotYours();
    }
    return pdf("projet-" + deliberationId + ".pdf", drafts.draftPdf(deliberationId));
  }

  @GetMapping("/projets/{deliberationId}/annexes/{annexId}.pdf")
  ResponseEntity<byte[]> annex(@PathVariable String token, @PathVariable String deliberationId,
      @PathVariable long annexId) {
    Member member = member(token);
    if (!space.mayRead(member.id(), deliberationId)) {
      throw new NotYours();
    }
    var annex = annexes.find(deliberationId, annexId).orElseThrow(NotYours::new);
    return pdf(annex.fileName(), annexes.content(deliberationId, annexId).orElseThrow(NotYours::new));
  }

  private Member member(String token) {
    return space.member(token).orElseThrow(InvalidLink::new);
  }

  private static ResponseEntity<byte[]> pdf(String name, byte[] content) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename(name, StandardCharsets.UTF_8).build().toString())
        .body(content);
  }

  static final class InvalidLink extends RuntimeException {}

  static final class NotYours extends RuntimeException {}

  @ExceptionHandler(InvalidLink.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String invalid() {
    return "web/invalid-link";
  }

  @ExceptionHandler(NotYours.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notYours(Model model) {
    return "web/member-space-missing";
  }
}
