package fr.comitia.web;

import fr.comitia.roster.BodyDirectory.BodyView;
import fr.comitia.roster.BodyDirectory.Seat;
import fr.comitia.roster.BodyDirectory;
import fr.comitia.roster.BodyRules;
import fr.comitia.roster.Organisation.Body;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The assemblies, their members in office and their rules. */
@Tag(name = "Assemblées", description = "Assemblées de l'organisation, membres en fonctions à une date et règles (quorum, délais, procurations).")
@RestController
@RequestMapping("/api/bodies")
class BodyController {

  private final BodyDirectory directory;
  private final ReadAccess access;

  BodyController(BodyDirectory directory, ReadAccess access) {
    this.directory = directory;
    this.access = access;
  }

  record BodySummary(String id, String name, String presidentId, int membersInOffice, BodyRules rules) {}

  record BodyDetail(String id, String name, String organisation, String assemblyName, String presidentId,
      String presidentTitle, LocalDate asOf, List<Seat> members, BodyRules rules) {}

  @Operation(summary = "Lister les assemblées et leurs règles")
  @GetMapping
  List<BodySummary> bodies() {
    LocalDate today = null;
    return directory.bodies().stream().map(b -> {
      BodyView view = directory.body(b.id(), today).orElseThrow();
      return new BodySummary(b.id(), b.name(), b.presidentId(), view.members().size(), b.rules());
    }).toList();
  }

  /** Members in office at {@code date} (default: today), in the order of the attendance table. */
  @Operation(summary = "Lire une assemblée et ses membres en fonctions à une date")
  @ApiDoc.Refuses({400, 404})
  @GetMapping("/{id}")
  BodyDetail body(@PathVariable String id,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
    BodyView view = directory.body(id, date)
        .orElseThrow(() -> ApiException.notFound("Assemblée « " + id + " » inconnue."));
    Body b = view.body();
    return new BodyDetail(b.id(), b.name(), view.organisationName(), b.assemblyName(), b.presidentId(),
        b.presidentTitle(), view.asOf(), access.seats(view.members()), b.rules());
  }
}
