package fr.comitia.legality;

import fr.comitia.document.PdfRenderer;
import fr.comitia.platform.FrenchDates;
import fr.comitia.roster.Organisation;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** The legality report as a PDF/A document, like the register's others. */
@Component
public class LegalityReportDocument {

  private final TemplateEngine templates;
  private final PdfRenderer renderer;
  private final Organisation organisation;

  LegalityReportDocument(TemplateEngine templates, PdfRenderer renderer, Organisation organisation) {
    this.templates = templates;
    this.renderer = renderer;
    this.organisation = organisation;
  }

  public String html(LegalityReport.Report report) {
    Context context = new Context(Locale.FRENCH);
    context.setVariable("r", report);
    context.setVariable("organisation", organisation.name());
    context.setVariable("producedAt", FrenchDates.dayAndTime(report.producedAt()));
    return templates.process("documents/legality-report", context);
  }

  public byte[] pdf(LegalityReport.Report report) {
    return renderer.render(html(report));
  }
}
