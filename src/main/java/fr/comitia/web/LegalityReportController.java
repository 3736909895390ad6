package fr.comitia.web;

import fr.comitia.legality.LegalityReport;
import fr.comitia.legality.LegalityReportDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The legality report of an act, as JSON and PDF (direction, secretariat, administrators). */
@Tag(name = "Rapport de légalité")
@RestController
class LegalityReportController {

  private final LegalityReport reports;
  private final LegalityReportDocument documents;
  private final CurrentUser currentUser;

  LegalityReportController(LegalityReport reports, LegalityReportDocument documents, CurrentUser currentUser) {
    this.reports = reports;
    this.documents = documents;
    this.currentUser = currentUser;
  }

  @Operation(summary = "Rapport de légalité d'un acte : chaque règle appliquée, son article, ses chiffres, sa preuve")
  @GetMapping("/api/deliberations/{id}/legality-report")
  LegalityReport.Report report(@PathVariable String id) {
    return find(id);
  }

  @Operation(summary = "Rapport de légalité d'un acte en PDF/A")
  @GetMapping(value = "/api/deliberations/{id}/legality-report.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> pdf(@PathVariable String id) {
    LegalityReport.Report report = find(id);
    String name = "rapport-legalite-" + (report.number() == null ? report.deliberationId() : report.number()) + ".pdf";
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header("Content-Disposition", ContentDisposition.inline().filename(name).build().toString())
        .body(documents.pdf(report));
  }

  private LegalityReport.Report find(String id) {
    RegisterScreenController.requireRegisterReader(currentUser);
    return reports.of(id).orElseThrow(() -> ApiException.notFound("Délibération « " + id + " » introuvable."));
  }
}
