package fr.comitia.document;

import fr.comitia.platform.FrenchDates;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.document.RollCallVotes.BallotGroup;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** The extract of the register of deliberations, in the words and layout of the register. */
@Service
public class ExtractService {

  static final ZoneId PARIS = FrenchDates.ZONE;

  private final DeliberationRecords records;
  private final TemplateEngine templates;
  private final DocumentStore store;
  private final PdfRenderer renderer;
  private final RollCallVotes rollCall;

  ExtractService(DeliberationRecords records, TemplateEngine templates, DocumentStore store, PdfRenderer renderer,
      RollCallVotes rollCall) {
    this.records = records;
    this.templates = templates;
    this.store = store;
    this.renderer = renderer;
    this.rollCall = rollCall;
  }

  /** The extract as HTML (any text typed by users escaped). */
  public String html(String deliberationId) {
    DeliberationRecord record = records.find(deliberationId).orElseThrow();
    return html(record, ballots(record));
  }

  /** The extract as PDF/A, rendered now from the register (unsigned). */
  public byte[] pdf(String deliberationId) {
    return pdf(records.find(deliberationId).orElseThrow());
  }

  /** The same, from the record the caller has already read. */
  byte[] pdf(DeliberationRecord record) {
    return pdf(record, ballots(record));
  }

  String html(DeliberationRecord record, List<BallotGroup> ballots) {
    Context context = new Context(Locale.FRENCH);
    context.setVariable("r", record);
    context.setVariable("x", new Wording(record));
    context.setVariable("ballots", ballots);
    context.setVariable("rollCall", RollCallVotes.sentence(ballots));
    return templates.process("documents/extract", context);
  }

  /** Rendered once per version of the extract (its XHTML), then read from the register. */
  byte[] pdf(DeliberationRecord record, List<BallotGroup> ballots) {
    return store.builtOnce("DELIBERATION", record.id(), "EXTRACT_PDF", "extrait-"
        + (record.number() == null ? record.id() : record.number()) + ".pdf", html(record, ballots), renderer::render);
  }

  private List<BallotGroup> ballots(DeliberationRecord record) {
    return record.session() == null ? List.of() : rollCall.groups(record.id(), record.session().id());
  }

  /** Renders the extract and keeps it in the register; returns its document id. */
  long store(String deliberationId) {
    DeliberationRecord record = records.find(deliberationId).orElseThrow();
    String html = html(record, ballots(record));
    return store.save("DELIBERATION", deliberationId, "EXTRACT", "extrait-" + record.number() + ".html",
        "text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8),
        record.signature() == null ? null : record.signature().signedAt(),
        record.signature() == null ? null : record.signature().signerSubject());
  }

  /** The sentences of the extract built from the record. */
  public static final class Wording {
    private final DeliberationRecord r;

    Wording(DeliberationRecord r) {
      this.r = r;
    }

    /** « 2022 – 14 » */
    public String getNumberTitle() {
      return r.number() == null ? "(projet " + r.id() + ")" : r.number().replace("-", " – ");
    }

    public String getOrganisationTitle() {
      return guillemets(r.organisation().toUpperCase(Locale.FRENCH));
    }

    /** « EXTRAIT DU REGISTRE DES DELIBERATIONS DU COMITE SYNDICAL » (capitals without accents, as registers print). */
    public String getRegisterTitle() {
      return stripAccents("EXTRAIT DU REGISTRE DES DELIBERATIONS DU " + r.body().assemblyName()).toUpperCase(Locale.FRENCH);
    }

    /** « Le seize juin deux mille vingt-deux, le comité syndical du … s'est réuni à …, sur convocation en date du …, sous la présidence de … » */
    public String getSessionSentence() {
      DeliberationRecord.SessionInfo s = r.session();
      if (s == null) {
        return null;
      }
      StringBuilder text = new StringBuilder("Le ")
          .append(FrenchDates.inWords(s.date().atZoneSameInstant(PARIS).toLocalDate()))
          .append(", le ").append(r.body().assemblyName()).append(" du ")
          .append(r.organisation().replace("« ", "").replace(" »", ""))
          .append(" s'est réuni à ").append(s.place());
      if (s.convocationDate() != null) {
        text.append(", sur convocation en date du ").append(FrenchDates.inWords(s.convocationDate()));
      }
      if (s.presidingMember() != null) {
        text.append(", sous la présidence de ").append(s.presidingMember().fullName());
      }
      return text.append('.').toString();
    }

    /**
     * Once the act is enforceable: « Transmis au représentant de l'État le vingt juin deux mille
     * vingt-deux (accusé de réception n° 059-…-DE), publié le dix-sept juin deux mille vingt-deux. »
     * (the date of the ARActe; without a transmission, the publication only).
     */
    public String getEnforceability() {
      if (r.enforceableAt() == null || r.publication() == null) {
        return null;
      }
      String published = "publié le " + FrenchDates.inWords(FrenchDates.parisDay(r.publication().publishedAt())) + ".";
      DeliberationRecord.Transmission t = r.transmission();
      if (t == null || t.acknowledgedAt() == null) {
        return "Acte " + published;
      }
      return "Transmis au représentant de l'État le " + FrenchDates.inWords(FrenchDates.parisDay(t.acknowledgedAt()))
          + " (accusé de réception n° " + t.actesId() + "), " + published;
    }

    /** « M. Christophe COULON, intéressé, n'a pas pris part au vote. » (CGCT L2131-11) */
    public String interested(DeliberationRecord.Person member) {
      return interestedSentence(member);
    }

    static String interestedSentence(DeliberationRecord.Person member) {
      return member.fullName() + ", intéressé" + ("Mme".equals(member.civility()) ? "e" : "")
          + ", n'a pas pris part au vote.";
    }

    public String getQuorumSentence() {
      return r.quorum() == null ? null : r.quorum().sentence();
    }

    public List<String> getPreambleParagraphs() {
      return paragraphs(r.preamble());
    }

    /** The preamble as the drafter wrote it: paragraphs, and lists where lines begin with « - », « • » or « * ». */
    public List<Block> getPreambleBlocks() {
      return blocks(r.preamble());
    }

    /** « Le comité syndical, » */
    public String getAssemblyHeading() {
      String name = r.body().assemblyName();
      return "Le " + name + ",";
    }

    public String getProposal() {
      String p = r.proposal();
      if (p == null || p.isBlank()) {
        return "Sur proposition du Président";
      }
      return p.strip().replaceAll("[,.]$", "");
    }

    public String visaVerb(String visa) {
      return visa.regionMatches(true, 0, "Vu ", 0, 3) ? visa.substring(0, 2) : "Vu";
    }

    public String visaRest(String visa) {
      return visa.regionMatches(true, 0, "Vu ", 0, 3) ? visa.substring(3) : visa;
    }

    public String getSignedOn() {
      return r.signature() == null ? null
          : FrenchDates.numeric(r.signature().signedAt().atZoneSameInstant(PARIS).toLocalDate());
    }

    /** The subject of the certificate that signed the PDF, once it is signed (« CN=…, T=Président, … »). */
    public String getCertificateSubject() {
      String subject = r.signature() == null ? null : r.signature().signerSubject();
      return subject != null && subject.startsWith("CN=") ? subject : null;
    }

    /** The marks of the attendance table: ⊠ (U+22A0) for the column that applies, □ (U+25A1) otherwise. */
    public String getChecked() {
      return "\u22A0";
    }

    public String getUnchecked() {
      return "\u25A1";
    }

    /** French guillemets hold their text with non-breaking spaces: « NORD – PAS-DE-CALAIS » never loses its ». */
    static String guillemets(String text) {
      return text.replace("« ", "«\u00A0").replace(" »", "\u00A0»");
    }

    /** A paragraph ({@code items} empty) or a bulleted list ({@code text} null). */
    public record Block(String text, List<String> items) {
      public boolean isList() {
        return !items.isEmpty();
      }
    }

    private static final java.util.regex.Pattern BULLET = java.util.regex.Pattern.compile("^\\s*[-•*–]\\s+(.*)$");

    /**
     * Paragraphs (separated by a blank line; the lines of one joined by spaces) and lists (consecutive
     * lines beginning with a bullet), in their order.
     */
    static List<Block> blocks(String text) {
      List<Block> blocks = new java.util.ArrayList<>();
      for (String paragraph : paragraphs(text)) {
        List<String> words = new java.util.ArrayList<>();
        List<String> items = new java.util.ArrayList<>();
        for (String line : paragraph.split("\\R")) {
          java.util.regex.Matcher bullet = BULLET.matcher(line);
          if (bullet.matches()) {
            if (!words.isEmpty()) {
              blocks.add(new Block(String.join(" ", words), List.of()));
              words.clear();
            }
            items.add(bullet.group(1).strip());
          } else if (!line.isBlank()) {
            if (!items.isEmpty()) {
              blocks.add(new Block(null, List.copyOf(items)));
              items.clear();
            }
            words.add(line.strip());
          }
        }
        if (!words.isEmpty()) {
          blocks.add(new Block(String.join(" ", words), List.of()));
        }
        if (!items.isEmpty()) {
          blocks.add(new Block(null, List.copyOf(items)));
        }
      }
      return blocks;
    }

    static List<String> paragraphs(String text) {
      return text == null ? List.of()
          : Arrays.stream(text.split("\\R\\s*\\R")).map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    static String stripAccents(String s) {
      return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
  }
}
