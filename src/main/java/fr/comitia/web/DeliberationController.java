package fr.comitia.web;

import fr.comitia.deliberation.DeliberationService;
import fr.comitia.document.ExtractService;
import fr.comitia.mail.MailService;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.register.DeliberationStatus;
import fr.comitia.register.Draft;
import fr.comitia.roster.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The register of deliberations: submit a draft, read a record, list the register, read the extract. */
@Tag(name = "Délibérations", description = "Projets et actes du registre : dépôt d'un projet, dossier, liste, extrait, courriels.")
@RestController
@RequestMapping("/api/deliberations")
class DeliberationController {

  private final DeliberationService service;
  private final DeliberationRecords records;
  private final ExtractService extracts;
  private final MailService mail;
  private final CurrentUser currentUser;
  private final ReadAccess access;

  DeliberationController(DeliberationService service, DeliberationRecords records, ExtractService extracts,
      MailService mail, CurrentUser currentUser, ReadAccess access) {
    this.service = service;
    this.records = records;
    this.extracts = extracts;
    this.mail = mail;
    this.currentUser = currentUser;
    this.access = access;
  }

  /** Starts process {@code deliberation} with the draft; 201 with its id, or 400 naming every fault. */
  @Operation(summary = "Déposer un projet de délibération (démarre sa validation)")
  @ApiDoc.Refuses({400, 403})
  @ResponseStatus(HttpStatus.CREATED)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> submit(@RequestBody Draft draft) {
    if (!currentUser.inGroup(Groups.DRAFTER) && !currentUser.inGroup(Groups.DIRECTOR)
        && !currentUser.inGroup(Groups.SECRETARIAT)) {
      throw ApiException.forbidden("Accès refusé : le dépôt d'un projet de délibération est réservé à la rédaction, "
          + "à la direction et au secrétariat des assemblées.");
    }
    String id = service.submit(draft);
    return ResponseEntity.created(URI.create("/api/deliberations/" + id))
        .body(Map.of("id", id, "status", DeliberationStatus.IN_REVIEW.name()));
  }

  @Operation(summary = "Lire le dossier d'une délibération")
  @ApiDoc.Refuses({403, 404})
  @GetMapping("/{id}")
  DeliberationRecord record(@PathVariable String id, jakarta.servlet.http.HttpServletResponse response) {
    DeliberationRecord record = access.deliberation(find(id));
    // Where the act's proofs are (RFC 8288): its legality report and its entries of the evidence journal.
    response.addHeader("Link", "</api/deliberations/" + record.id() + "/legality-report>; rel=\"legality-report\", "
        + "</api/deliberations/" + record.id() + "/legality-report.pdf>; rel=\"legality-report-pdf\", "
        + "</api/deliberations/" + record.id() + "/journal>; rel=\"journal\"");
    return record;
  }

  private DeliberationRecord find(String id) {
    return records.find(id).orElseThrow(() -> ApiException.notFound("Délibération « " + id + " » introuvable."));
  }

  /** The register: by year (of the register, or of the draft before numbering), status, body. */
  @Operation(summary = "Lister le registre (par année, statut, assemblée)")
  @ApiDoc.Refuses({400})
  @GetMapping
  List<DeliberationRecord> list(@RequestParam(required = false) Integer year,
      @RequestParam(required = false) String status, @RequestParam(required = false) String body) {
    if (status != null && Arrays.stream(DeliberationStatus.values()).noneMatch(s -> s.name().equals(status))) {
      throw ApiException.badRequest("Statut « " + status + " » inconnu (" + Arrays.toString(DeliberationStatus.values()) + ").");
    }
    return access.deliberations(records.list(year, status, body));
  }

  @Operation(summary = "Lire l'extrait du registre en HTML")
  @ApiDoc.Refuses({403, 404})
  @GetMapping(value = "/{id}/extract.html", produces = MediaType.TEXT_HTML_VALUE)
  String extract(@PathVariable String id) {
    access.requireExtract(find(id));
    return extracts.html(id);
  }

  @Operation(summary = "Lister les courriels d'une délibération (notifications, accusés)")
  @ApiDoc.Refuses({403, 404})
  @GetMapping("/{id}/mails")
  List<MailService.Delivery> mails(@PathVariable String id) {
    access.deliberation(find(id));
    if (!access.readsPartnerAddresses()) {
      throw ApiException.forbidden("Accès refusé : les courriels d'une délibération (adresses des partenaires) sont "
          + "réservés à la direction, au secrétariat des assemblées et aux administrateurs.");
    }
    return mail.forDeliberation(id);
  }
}
