package fr.comitia.web;

import fr.comitia.document.DocumentStore;
import fr.comitia.document.DraftDocuments;
import fr.comitia.document.ExtractService;
import fr.comitia.document.MinutesService;
import fr.comitia.document.SignedExtracts;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The register's documents as PDF: the extract (signed once the president has signed it), the
 * draft, the minutes and the list of a session's deliberations, the convocation.
 */
@Tag(name = "Documents", description = "Documents du registre en PDF/A : extrait signé, projet, convocation, procès-verbal, liste des délibérations, feuillet de clôture, tables annuelles.")
@RestController
class DocumentController {

  private static final MediaType PDF = MediaType.APPLICATION_PDF;

  private final DeliberationRecords deliberations;
  private final SessionRecords sessions;
  private final ExtractService extracts;
  private final SignedExtracts signedExtracts;
  private final MinutesService minutes;
  private final DraftDocuments drafts;
  private final ReadAccess access;
  private final fr.comitia.document.RegisterTables tables;

  private final fr.comitia.document.SignedMinutes signedMinutes;

  DocumentController(DeliberationRecords deliberations, SessionRecords sessions, ExtractService extracts,
      SignedExtracts signedExtracts, MinutesService minutes, DraftDocuments drafts, ReadAccess access,
      fr.comitia.document.RegisterTables tables, fr.comitia.document.SignedMinutes signedMinutes) {
    this.signedMinutes = signedMinutes;
    this.tables = tables;
    this.deliberations = deliberations;
    this.sessions = sessions;
    this.extracts = extracts;
    this.signedExtracts = signedExtracts;
    this.minutes = minutes;
    this.drafts = drafts;
    this.access = access;
  }

  /** The extract: the electronically signed PDF once signed, otherwise rendered now (unsigned). */
  @Operation(summary = "Télécharger l'extrait du registre (signé une fois signé par le président)")
  @ApiDoc.Refuses({403, 404})
  @ApiDoc.Pdf
  @GetMapping("/api/deliberations/{id}/extract.pdf")
  ResponseEntity<byte[]> extract(@PathVariable String id) {
    DeliberationRecord record = deliberation(id);
    access.requireExtract(record);
    return signedExtracts.latest(id).map(DocumentController::pdf)
        .orElseGet(() -> pdf("extrait-" + (record.number() == null ? record.id() : record.number()) + ".pdf",
            extracts.pdf(id)));
  }

  /** The draft as sent to the members with the convocation. */
  @Operation(summary = "Télécharger le projet de délibération tel qu'envoyé avec la convocation")
  @ApiDoc.Refuses({403, 404})
  @ApiDoc.Pdf
  @GetMapping("/api/deliberations/{id}/draft.pdf")
  ResponseEntity<byte[]> draft(@PathVariable String id) {
    access.requireDeliberation(deliberation(id));
    return pdf("projet-" + id + ".pdf", drafts.draftPdf(id));
  }

  @Operation(summary = "Télécharger le procès-verbal de la séance (avec ses signatures une fois approuvé)")
  @ApiDoc.Refuses({403, 404})
  @ApiDoc.Pdf
  @GetMapping("/api/sessions/{id}/minutes.pdf")
  ResponseEntity<byte[]> minutes(@PathVariable String id) {
    session(id);
    // Once approved, the copy with the signatures applied so far.
    return signedMinutes.latest(id, fr.comitia.document.SignedMinutes.COUNTERSIGNED)
        .or(() -> signedMinutes.latest(id, fr.comitia.document.SignedMinutes.SIGNED))
        .or(() -> minutes.stored(id, MinutesService.MINUTES)).map(DocumentController::pdf)
        .orElseThrow(() -> ApiException.notFound("Procès-verbal introuvable : il est établi à la clôture de la "
            + "séance « " + id + " », qui n'est pas close."));
  }

  @Operation(summary = "Télécharger la liste des délibérations examinées en séance")
  @ApiDoc.Refuses({403, 404})
  @ApiDoc.Pdf
  @GetMapping("/api/sessions/{id}/deliberations.pdf")
  ResponseEntity<byte[]> deliberationList(@PathVariable String id) {
    session(id);
    return minutes.stored(id, MinutesService.DELIBERATION_LIST).map(DocumentController::pdf)
        .orElseThrow(() -> ApiException.notFound("Liste des délibérations introuvable : elle est établie à la "
            + "clôture de la séance « " + id + " », qui n'est pas close."));
  }

  /** The yearly tables of a body's register (R2121-9), by date and by matière: adopted acts only. */
  @Operation(summary = "Télécharger les tables annuelles du registre, par date et par matière")
  @ApiDoc.Refuses({400, 404})
  @ApiDoc.Pdf
  @GetMapping("/api/bodies/{bodyId}/register/{year}/tables.pdf")
  ResponseEntity<byte[]> registerTables(@PathVariable String bodyId, @PathVariable String year) {
    if (!year.matches("\\d{4}")) {
      throw ApiException.badRequest("L'année « " + year + " » doit s'écrire sur quatre chiffres (par exemple 2022).");
    }
    return tables.pdf(bodyId, Integer.parseInt(year))
        .map(pdf -> pdf("tables-registre-" + bodyId + "-" + year + ".pdf", pdf))
        .orElseThrow(() -> ApiException.notFound("Assemblée « " + bodyId + " » introuvable."));
  }

  @Operation(summary = "Télécharger le feuillet de clôture de la séance")
  @ApiDoc.Refuses({403, 404})
  @ApiDoc.Pdf
  @GetMapping("/api/sessions/{id}/closing-sheet.pdf")
  ResponseEntity<byte[]> closingSheet(@PathVariable String id) {
    SessionRecord session = session(id);
    if (session.closedAt() == null) {
      throw ApiException.notFound("Feuillet de clôture introuvable : il est établi à la clôture de la séance « " + id
          + " », qui n'est pas close.");
    }
    return pdf("feuillet-cloture-" + id + ".pdf", minutes.closingSheetPdf(id));
  }

  @Operation(summary = "Télécharger la convocation de la séance (ordre du jour et notes de synthèse)")
  @ApiDoc.Refuses({403, 404})
  @ApiDoc.Pdf
  @GetMapping("/api/sessions/{id}/convocation.pdf")
  ResponseEntity<byte[]> convocation(@PathVariable String id) {
    session(id);
    return pdf("convocation-" + id + ".pdf", drafts.convocationPdf(id));
  }

  private DeliberationRecord deliberation(String id) {
    return deliberations.find(id).orElseThrow(() -> ApiException.notFound("Délibération « " + id + " » introuvable."));
  }

  private SessionRecord session(String id) {
    return access.session(
        sessions.find(id).orElseThrow(() -> ApiException.notFound("Séance « " + id + " » introuvable.")));
  }

  private static ResponseEntity<byte[]> pdf(DocumentStore.Document document) {
    return pdf(document.fileName(), document.content());
  }

  private static ResponseEntity<byte[]> pdf(String fileName, byte[] content) {
    return ResponseEntity.ok()
        .contentType(PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(fileName).build().toString())
        .body(content);
  }
}
