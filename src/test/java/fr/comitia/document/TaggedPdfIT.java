package fr.comitia.document;

import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.support.Workflow;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * Every document of the register is PDF/A-3a — archival and tagged (a logical structure a screen
 * reader follows, in French) — as veraPDF, the reference validator, judges it: the draft, the
 * convocation, the extract (signed too), the minutes, the list of deliberations, the closing sheet.
 */
@ComitiaTest
class TaggedPdfIT {

  @Autowired Workflow flow;
  @Autowired ExtractService extracts;
  @Autowired DraftDocuments drafts;
  @Autowired MinutesService minutes;
  @Autowired SignedExtracts signed;

  @Test
  void everyDocumentIsTaggedPdfA3a() throws Exception {
    VeraGreenfieldFoundryProvider.initialise();
    Workflow.Seed seed = flow.seedAdopted("Lille, dans les locaux du Conseil régional des Hauts-de-France");
    Workflow.clockAt("2022-06-17T15:00:00+02:00");
    flow.completeOk("ccoulon", seed.deliberationId(), TASK_SIGN, Map.of(SIGNED, true));
    flow.executeJobs();
    flow.completeOk("secretariat", seed.sessionId(), TASK_CLOSE, Map.of());
    flow.executeJobs();

    Map<String, byte[]> documents = new LinkedHashMap<>();
    documents.put("projet", drafts.draftPdf(seed.deliberationId()));
    documents.put("convocation", drafts.convocationPdf(seed.sessionId()));
    documents.put("extrait", extracts.pdf(seed.deliberationId()));
    documents.put("extrait signé", signed.latest(seed.deliberationId()).orElseThrow().content());
    documents.put("procès-verbal", minutes.minutesPdf(seed.sessionId()));
    documents.put("liste des délibérations", minutes.deliberationListPdf(seed.sessionId()));
    documents.put("feuillet de clôture", minutes.closingSheetPdf(seed.sessionId()));

    documents.forEach((name, pdf) -> {
      assertThat(failures(pdf)).as(name).isEmpty();
      try (PDDocument document = Loader.loadPDF(pdf)) {
        assertThat(document.getDocumentCatalog().getStructureTreeRoot()).as(name + " : structure").isNotNull();
        assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).as(name + " : marqué").isTrue();
        assertThat(document.getDocumentCatalog().getLanguage()).as(name + " : langue").startsWith("fr");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** The rules of PDF/A-3a the PDF breaks, as veraPDF reports them (empty when compliant). */
  private static List<String> failures(byte[] pdf) {
    try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFA_3_A);
        PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_3_A, false)) {
      ValidationResult result = validator.validate(parser);
      return result.isCompliant() ? List.of() : result.getTestAssertions().stream()
          .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
          .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + " " + a.getMessage())
          .distinct().limit(20).toList();
    } catch (Exception e) {
      return List.of("veraPDF : " + e);
    }
  }
}
