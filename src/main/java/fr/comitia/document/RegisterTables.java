package fr.comitia.document;

import fr.comitia.platform.FrenchDates;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.roster.Organisation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The yearly tables of a body's register (CGCT R2121-9): its numbered deliberations of a year in the
 * order of their numbers and dates, then by matière of the prefecture's classification.
 */
@Service
public class RegisterTables {

  private final DeliberationRecords records;
  private final Organisation organisation;
  private final TemplateEngine templates;
  private final PdfRenderer renderer;

  RegisterTables(DeliberationRecords records, Organisation organisation, TemplateEngine templates,
      PdfRenderer renderer) {
    this.records = records;
    this.organisation = organisation;
    this.templates = templates;
    this.renderer = renderer;
  }

  /** One line of a table: number, day of the sitting, object, matière. */
  public record Line(String number, String day, String object, String matiere, String matiereLabel) {}

  /** The numbered acts of the body's year, by number (which follows the sittings' dates). */
  public List<Line> byDate(String bodyId, int year) {
    return records.list(year, null, bodyId).stream()
        .filter(r -> r.number() != null)
        .sorted(Comparator.comparingInt((DeliberationRecord r) -> sequence(r.number())))
        .map(r -> new Line(r.number(), r.session() == null ? null
            : FrenchDates.numeric(FrenchDates.parisDay(r.session().date())), r.object(), r.matiere(), r.matiereLabel()))
        .toList();
  }

  /** The same acts grouped by matière (in the classification's order of codes), each group by number. */
  public Map<String, List<Line>> byMatiere(String bodyId, int year) {
    Map<String, List<Line>> groups = new LinkedHashMap<>();
    byDate(bodyId, year).stream()
        .sorted(Comparator.comparing((Line l) -> codeKey(l.matiere())).thenComparingInt(l -> sequence(l.number())))
        .forEach(l -> groups.computeIfAbsent(l.matiere() == null ? "Sans matière"
            : l.matiere() + " — " + l.matiereLabel(), k -> new java.util.ArrayList<>()).add(l));
    return groups;
  }

  /** Both tables as PDF/A; empty for an unknown body. */
  public java.util.Optional<byte[]> pdf(String bodyId, int year) {
    return organisation.body(bodyId).map(body -> pdf(body, year));
  }

  private byte[] pdf(Organisation.Body body, int year) {
    String bodyId = body.id();
    Context context = new Context(Locale.FRENCH);
    context.setVariable("organisationTitle", ExtractService.Wording.guillemets(organisation.name()
        .toUpperCase(Locale.FRENCH)));
    context.setVariable("title", ("Tables du registre des délibérations du " + body.assemblyName() + " — " + year)
        .toUpperCase(Locale.FRENCH));
    context.setVariable("bodyName", body.name());
    context.setVariable("year", year);
    context.setVariable("byDate", byDate(bodyId, year));
    context.setVariable("byMatiere", byMatiere(bodyId, year));
    return renderer.render(templates.process("documents/register-tables", context));
  }

  private static int sequence(String number) {
    int dash = number.lastIndexOf('-');
    try {
      return Integer.parseInt(number.substring(dash + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  /** « 1.4 » before « 1.10 »: each level compared as a number. */
  private static String codeKey(String code) {
    if (code == null) {
      return "~";
    }
    StringBuilder key = new StringBuilder();
    for (String level : code.split("\\.")) {
      key.append(String.format("%05d", level.chars().allMatch(Character::isDigit) ? Integer.parseInt(level) : 0));
    }
    return key.toString();
  }
}
