package fr.comitia.document;

import fr.comitia.deliberation.DeliberationRecord;
import fr.comitia.deliberation.DeliberationRecords;
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

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final DeliberationRecords records;
  private final TemplateEngine templates;
  private final DocumentStore store;

  ExtractService(DeliberationRecords records, TemplateEngine templates, DocumentStore store) {
    this.records = records;
    this.templates = templates;
    this.store = store;
  }

  public String html(String deliberationId) {
    DeliberationRecord record = records.find(deliberationId).orElseThrow();
    Context context = new Context(Locale.FRENCH);
    context.setVariable("r", record);
    context.setVariable("x", new Wording(record));
    return templates.process("documents/extract", context);
  }

  /** Renders the extract and keeps it in the register; returns its document id. */
  long store(String deliberationId) {
    DeliberationRecord record = records.find(deliberationId).orElseThrow();
    String html = html(deliberationId);
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
      return r.organisation().toUpperCase(Locale.FRENCH);
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

    public String getQuorumSentence() {
      return r.quorum() == null ? null : r.quorum().sentence();
    }

    public List<String> getPreambleParagraphs() {
      return r.preamble() == null ? List.of()
          : Arrays.stream(r.preamble().split("\\R\\s*\\R")).map(String::strip).filter(p -> !p.isEmpty()).toList();
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

    static String stripAccents(String s) {
      return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
  }
}
