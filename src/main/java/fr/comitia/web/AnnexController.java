package fr.comitia.web;

import fr.comitia.deliberation.AnnexFiles;
import fr.comitia.platform.RuleViolation;
import fr.comitia.register.AnnexFileRepository.AnnexFile;
import fr.comitia.register.DeliberationRecord.AnnexFileInfo;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.roster.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The annex files of a deliberation (PDF): joined and removed by the drafter and the director while
 * the draft is being written or reviewed; read as the record is read.
 */
@Tag(name = "Délibérations")
@RestController
@RequestMapping("/api/deliberations/{id}/annexes")
class AnnexController {

  private final AnnexFiles annexes;
  private final DeliberationRecords records;
  private final CurrentUser currentUser;
  private final ReadAccess access;

  AnnexController(AnnexFiles annexes, DeliberationRecords records, CurrentUser currentUser, ReadAccess access) {
    this.annexes = annexes;
    this.records = records;
    this.currentUser = currentUser;
    this.access = access;
  }

  /** Joins a PDF ({@code file}) with its {@code title}; 201 with the annex as the record lists it. */
  @Operation(summary = "Joindre une annexe PDF au projet")
  @ApiDoc.Refuses({400, 403, 404, 413, 415})
  @ResponseStatus(HttpStatus.CREATED)
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<AnnexFileInfo> attach(@PathVariable String id, @RequestParam(required = false) MultipartFile file,
      @RequestParam(required = false) String title) throws IOException {
    requireWriter();
    record(id);
    if (file == null || file.isEmpty() && file.getOriginalFilename() == null) {
      throw new RuleViolation("file", "Joignez le fichier PDF de l'annexe (champ « file » d'un envoi multipart).");
    }
    AnnexFile added = annexes.attach(id, title, file.getOriginalFilename(), file.getBytes(), currentUser.id());
    return ResponseEntity.created(URI.create("/api/deliberations/" + id + "/annexes/" + added.id()))
        .body(new AnnexFileInfo(added.id(), added.title(), added.sha256(), added.size()));
  }

  @Operation(summary = "Retirer une annexe du projet")
  @ApiDoc.Refuses({400, 403, 404, 409})
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @DeleteMapping("/{annexId}")
  ResponseEntity<Void> remove(@PathVariable String id, @PathVariable long annexId) {
    requireWriter();
    record(id);
    if (!annexes.remove(id, annexId)) {
      throw ApiException.notFound("Annexe n° " + annexId + " introuvable pour la délibération « " + id + " ».");
    }
    return ResponseEntity.noContent().build();
  }

  /** The PDF itself, for whoever reads the record. */
  @Operation(summary = "Télécharger une annexe")
  @ApiDoc.Refuses({403, 404})
  @ApiDoc.Pdf
  @GetMapping(value = "/{annexId}", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> content(@PathVariable String id, @PathVariable long annexId) {
    access.requireDeliberation(record(id));
    AnnexFile annex = annexes.find(id, annexId).orElseThrow(() -> ApiException.notFound(
        "Annexe n° " + annexId + " introuvable pour la délibération « " + id + " »."));
    byte[] content = annexes.content(id, annexId).orElseThrow();
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(annex.fileName(),
            java.nio.charset.StandardCharsets.UTF_8).build().toString())
        .header("X-Content-SHA256", annex.sha256())
        .body(content);
  }

  private DeliberationRecord record(String id) {
    return records.find(id).orElseThrow(() -> ApiException.notFound("Délibération « " + id + " » introuvable."));
  }

  private void requireWriter() {
    if (!currentUser.inGroup(Groups.DRAFTER) && !currentUser.inGroup(Groups.DIRECTOR)) {
      throw ApiException.forbidden("Accès refusé : les annexes d'un projet sont jointes par la rédaction ou la "
          + "direction.");
    }
  }
}
