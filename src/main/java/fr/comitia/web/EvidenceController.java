package fr.comitia.web;

import fr.comitia.evidence.EvidenceJournal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The evidence journal as JSON, and its verification (direction, secretariat, administrators). */
@Tag(name = "Journal des preuves")
@RestController
class EvidenceController {

  static final int MAX_PAGE = 1000;

  private final EvidenceJournal journal;
  private final CurrentUser currentUser;

  EvidenceController(EvidenceJournal journal, CurrentUser currentUser) {
    this.journal = journal;
    this.currentUser = currentUser;
  }

  @Operation(summary = "Entrées du journal des preuves, dans l'ordre, à partir du numéro « depuis »")
  @GetMapping("/api/journal")
  List<EvidenceJournal.Entry> page(@RequestParam(name = "depuis", defaultValue = "1") long from,
      @RequestParam(name = "nombre", defaultValue = "100") int limit) {
    RegisterScreenController.requireRegisterReader(currentUser);
    if (from < 1 || limit < 1 || limit > MAX_PAGE) {
      throw ApiException.badRequest("« depuis » est un numéro d'entrée (1 ou plus) et « nombre » va de 1 à "
          + MAX_PAGE + ".");
    }
    return journal.page(from, limit);
  }

  @Operation(summary = "Vérification du journal : chaîne d'empreintes recalculée, chaque jeton d'horodatage contrôlé")
  @GetMapping("/api/journal/verification")
  EvidenceJournal.Verification verification() {
    RegisterScreenController.requireRegisterReader(currentUser);
    return journal.verify();
  }

  @Operation(summary = "Entrées du journal des preuves d'une délibération")
  @GetMapping("/api/deliberations/{id}/journal")
  List<EvidenceJournal.Entry> deliberation(@PathVariable String id) {
    RegisterScreenController.requireRegisterReader(currentUser);
    return journal.forDeliberation(id);
  }

  @Operation(summary = "Entrées du journal des preuves d'une séance")
  @GetMapping("/api/sessions/{id}/journal")
  List<EvidenceJournal.Entry> session(@PathVariable String id) {
    RegisterScreenController.requireRegisterReader(currentUser);
    return journal.forSession(id);
  }
}
