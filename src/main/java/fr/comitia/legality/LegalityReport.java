package fr.comitia.legality;

import fr.comitia.evidence.EvidenceJournal;
import fr.comitia.evidence.EvidenceJournal.Entry;
import fr.comitia.evidence.EvidenceKind;
import fr.comitia.platform.FrenchDates;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.roster.Organisation;
import fr.comitia.session.ConvocationRules;
import fr.comitia.session.QuorumService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The legality report of an act: each rule the act went through, with its article and its figures —
 * convocation delay and sending, quorum under the regime of the day, proxies, interested members,
 * vote arithmetic, numbering, signature, transmission, publication, enforceability, notification —
 * each met or not (or without object), each pointing to the entry of the evidence journal that
 * proves it. Computed from the register and the journal each time it is asked.
 */
@Service
public class LegalityReport {

  /**
   * A rule applied to the act.
   *
   * @param code stable id of the rule (CONVOCATION_DELAY…)
   * @param title what it checks, in French
   * @param article the text it comes from
   * @param met true met, false not met, null without object (no partner to notify…)
   * @param figures the figures, as a sentence
   * @param journalSeq the journal entry that proves it, null when none
   */
  public record Check(String code, String title, String article, Boolean met, String figures, Long journalSeq) {
    /** « Respectée », « Non respectée », « Sans objet ». */
    public String verdict() {
      return met == null ? "Sans objet" : met ? "Respectée" : "Non respectée";
    }
  }

  /** The report: the act and its checks; {@code allMet} when none is unmet. */
  public record Report(String deliberationId, String number, String object, String bodyName, String status,
      OffsetDateTime producedAt, boolean allMet, List<Check> checks) {
    /** The report's conclusion, in French. */
    public String conclusion() {
      return allMet ? "Toutes les règles applicables sont respectées."
          : "Au moins une règle n'est pas respectée : voir ci-dessous.";
    }
  }

  private final DeliberationRecords records;
  private final EvidenceJournal journal;
  private final Organisation organisation;
  private final QuorumService quorum;
  private final Clock clock;

  LegalityReport(DeliberationRecords records, EvidenceJournal journal, Organisation organisation,
      QuorumService quorum, Clock clock) {
    this.records = records;
    this.journal = journal;
    this.organisation = organisation;
    this.quorum = quorum;
    this.clock = clock;
  }

  public Optional<Report> of(String deliberationId) {
    return records.find(deliberationId).map(this::report);
  }

  private Report report(DeliberationRecord d) {
    List<Entry> entries = new ArrayList<>(journal.forDeliberation(d.id()));
    DeliberationRecord.SessionInfo session = d.session();
    if (session != null) {
      journal.forSession(session.id()).stream().filter(e -> e.deliberationId() == null).forEach(entries::add);
    }
    Proofs proofs = new Proofs(entries);
    List<Check> checks = new ArrayList<>();
    checks.add(convocationDelay(d, proofs));
    checks.add(convocationSent(d, proofs));
    checks.add(quorum(d, proofs));
    checks.add(proxies(d, proofs));
    checks.add(interested(d, proofs));
    checks.add(vote(d, proofs));
    checks.add(numbering(d, proofs));
    checks.add(signature(d, proofs));
    checks.add(transmission(d, proofs));
    checks.add(publication(d, proofs));
    checks.add(enforceability(d, proofs));
    checks.add(notification(d, proofs));
    boolean allMet = checks.stream().noneMatch(c -> Boolean.FALSE.equals(c.met()));
    return new Report(d.id(), d.number(), d.object(), d.body().name(), d.statusLabel(), OffsetDateTime.now(clock),
        allMet, List.copyOf(checks));
  }

  private Check convocationDelay(DeliberationRecord d, Proofs proofs) {
    String title = "Délai de convocation";
    DeliberationRecord.SessionInfo s = d.session();
    int required = rules(d).map(r -> r.convocationDelayClearDays()).orElse(5);
    String article = "CGCT, art. L2121-11 et L2121-12 (jours francs ; délai des statuts : " + required + ")";
    if (s == null || s.convocationDate() == null) {
      return new Check("CONVOCATION_DELAY", title, article, false, "Aucune convocation signée.", null);
    }
    LocalDate sessionDay = FrenchDates.parisDay(s.date());
    long clear = ConvocationRules.clearDays(s.convocationDate(), sessionDay);
    int needed = s.urgent() ? ConvocationRules.urgentClearDays(required) : required;
    String figures = "Convocation du " + FrenchDates.day(s.convocationDate()) + " pour la séance du "
        + FrenchDates.day(sessionDay) + " : " + clear + " jour" + (clear > 1 ? "s" : "") + " franc"
        + (clear > 1 ? "s" : "") + " (requis : " + needed + (s.urgent() ? ", urgence : « " + s.urgencyReason()
        + " »" : "") + ").";
    return new Check("CONVOCATION_DELAY", title, article, clear >= needed, figures,
        proofs.first(EvidenceKind.CONVOCATION_SIGNED, e -> true));
  }

  private Check convocationSent(DeliberationRecord d, Proofs proofs) {
    String title = "Convocation de chaque membre par courriel";
    String article = "CGCT, art. L2121-10 (convocation adressée à chaque membre, par voie dématérialisée)";
    if (d.session() == null || d.attendance() == null) {
      return new Check("CONVOCATION_SENT", title, article, false, "Aucune séance.", null);
    }
    List<Entry> mails = proofs.of(EvidenceKind.MAIL_ACCEPTED).stream()
        .filter(e -> "CONVOCATION".equals(e.facts().get("mailKind"))).toList();
    long members = mails.stream().map(e -> e.facts().get("recipientId")).filter(Objects::nonNull).distinct().count();
    int inOffice = d.attendance().inOffice();
    String days = mails.stream().map(e -> FrenchDates.day(FrenchDates.parisDay(e.occurredAt()))).distinct()
        .collect(Collectors.joining(", "));
    String figures = members + " convocation" + (members > 1 ? "s" : "") + " acceptée" + (members > 1 ? "s" : "")
        + " par le serveur SMTP pour " + inOffice + " membres en exercice" + (days.isEmpty() ? "" : " (" + days + ")")
        + ".";
    return new Check("CONVOCATION_SENT", title, article, members >= inOffice, figures,
        mails.isEmpty() ? null : mails.get(0).seq());
  }

  private Check quorum(DeliberationRecord d, Proofs proofs) {
    String title = "Quorum";
    DeliberationRecord.Quorum q = d.quorum();
    if (q == null) {
      return new Check("QUORUM", title, "CGCT, art. L2121-17", false, "Aucun appel enregistré.", null);
    }
    String article = "CGCT, art. L2121-17 ; règle du jour : " + q.rule();
    String figures = q.reached() && "RECONVOCATION".equals(q.regime())
        ? "Séance sur reconvocation : pas de condition de quorum."
        : q.counted() + " sur " + q.inOffice() + " membres en exercice (" + q.present() + " présents, "
            + q.represented() + " représentés), " + q.required() + " requis.";
    return new Check("QUORUM", title, article, q.reached(), figures,
        proofs.first(EvidenceKind.ROLL_CALL_RECORDED, e -> true));
  }

  private Check proxies(DeliberationRecord d, Proofs proofs) {
    String title = "Pouvoirs";
    if (d.attendance() == null || d.session() == null) {
      return new Check("PROXIES", title, "CGCT, art. L2121-20", null, "Aucun appel enregistré.", null);
    }
    int max = rules(d).map(r -> quorum.maxProxiesPerHolder(FrenchDates.parisDay(d.session().date()), r)).orElse(1);
    Map<String, Long> byHolder = d.attendance().members().stream().map(DeliberationRecord.AttendanceLine::proxyHolderId)
        .filter(Objects::nonNull).collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new,
            Collectors.counting()));
    long most = byHolder.values().stream().mapToLong(Long::longValue).max().orElse(0);
    int total = byHolder.values().stream().mapToInt(Long::intValue).sum();
    String figures = total == 0 ? "Aucun pouvoir."
        : total + " pouvoir" + (total > 1 ? "s" : "") + " à " + byHolder.size() + " mandataire"
            + (byHolder.size() > 1 ? "s" : "") + ", au plus " + most + " par mandataire (limite du jour : " + max
            + ").";
    return new Check("PROXIES", title, "CGCT, art. L2121-20 (un pouvoir par mandataire, sauf loi d'exception)",
        total == 0 ? null : most <= max, figures, proofs.first(EvidenceKind.ROLL_CALL_RECORDED, e -> true));
  }

  private Check interested(DeliberationRecord d, Proofs proofs) {
    String title = "Membres intéressés";
    String article = "CGCT, art. L2131-11 (un membre intéressé ne prend pas part au vote)";
    List<DeliberationRecord.Person> interested = d.interestedMembers() == null ? List.of() : d.interestedMembers();
    if (interested.isEmpty()) {
      return new Check("INTERESTED", title, article, null, "Aucun membre intéressé déclaré.",
          proofs.first(EvidenceKind.VOTE_RECORDED, e -> true));
    }
    int notParticipating = d.vote() == null || d.vote().notParticipating() == null ? 0 : d.vote().notParticipating();
    return new Check("INTERESTED", title, article, notParticipating >= interested.size(),
        interested.stream().map(DeliberationRecord.Person::fullName).collect(Collectors.joining(", "))
            + " : hors du vote (" + notParticipating + " ne prenant pas part au vote).",
        proofs.first(EvidenceKind.VOTE_RECORDED, e -> true));
  }

  private Check vote(DeliberationRecord d, Proofs proofs) {
    String title = "Décompte du vote";
    String article = "CGCT, art. L2121-20 (majorité absolue des suffrages exprimés) et L2121-21 (scrutin)";
    DeliberationRecord.Vote v = d.vote();
    if (v == null || v.withdrawn() || v.votesFor() == null) {
      return new Check("VOTE", title, article, v != null && v.withdrawn() ? null : false,
          v != null && v.withdrawn() ? "Affaire retirée de l'ordre du jour." : "Aucun vote enregistré.", null);
    }
    int expressed = v.votesFor() + v.votesAgainst();
    boolean sums = v.voters() == expressed + v.abstentions() && (v.suffragesExprimes() == null
        || v.suffragesExprimes() == expressed);
    boolean adopted = "ADOPTED".equals(v.outcome());
    boolean majority = v.votesFor() > v.votesAgainst() || (v.votesFor().equals(v.votesAgainst()) && v.castingVote());
    String figures = v.voters() + " votant" + (v.voters() > 1 ? "s" : "") + " : " + v.votesFor() + " pour, "
        + v.votesAgainst() + " contre, " + v.abstentions() + " abstention" + (v.abstentions() > 1 ? "s" : "")
        + " ; " + expressed + " suffrage" + (expressed > 1 ? "s" : "") + " exprimé" + (expressed > 1 ? "s" : "")
        + " ; " + (adopted ? "adoptée" : "rejetée") + (v.castingVote() ? " (voix prépondérante du président)" : "")
        + ".";
    return new Check("VOTE", title, article, sums && adopted == majority, figures,
        proofs.first(EvidenceKind.VOTE_RECORDED, e -> true));
  }

  private static Check numbering(DeliberationRecord d, Proofs proofs) {
    String title = "Numérotation au registre";
    String article = "CGCT, art. R2121-9 (registre des délibérations, par ordre de date)";
    if (d.number() == null) {
      return new Check("NUMBERING", title, article, "ADOPTED".equals(d.status()) ? false : null,
          "Pas de numéro : l'acte n'est pas adopté.", null);
    }
    boolean format = d.number().matches("\\d{4}-\\d+");
    boolean year = d.session() != null && d.number().startsWith(FrenchDates.parisDay(d.session().date()).getYear()
        + "-");
    // The number is given with the adopting vote.
    return new Check("NUMBERING", title, article, format && year, "N° " + d.number() + ", année de la séance"
        + (year ? "" : " différente") + ".", proofs.first(EvidenceKind.VOTE_RECORDED, e -> true));
  }

  private Check signature(DeliberationRecord d, Proofs proofs) {
    String title = "Signature de l'acte";
    String article = "CGCT, art. L2121-23 ; signature électronique avancée (règlement eIDAS, ETSI EN 319 142 PAdES)";
    // The first signature: the extract as adopted (the enforceable copy is signed again later).
    Optional<Entry> signed = proofs.firstEntry(EvidenceKind.ACT_SIGNED, e -> true);
    if (d.signature() == null || signed.isEmpty()) {
      return new Check("SIGNATURE", title, article, d.signature() == null ? false : null,
          d.signature() == null ? "Acte non signé." : "Signé le " + FrenchDates.dayAndTime(d.signature().signedAt())
              + " (sans entrée au journal : acte antérieur au journal).", null);
    }
    Map<String, Object> f = signed.get().facts();
    return new Check("SIGNATURE", title, article, true, "Signé le " + FrenchDates.dayAndTime(d.signature().signedAt())
        + " par « " + d.signature().signerSubject() + " », niveau " + f.get("signatureLevel") + ", fichier "
        + f.get("fileName") + " (SHA-256 " + f.get("sha256") + ").", signed.get().seq());
  }

  private Check transmission(DeliberationRecord d, Proofs proofs) {
    String title = "Transmission au représentant de l'État";
    String article = "CGCT, art. L2131-1 et L2131-2 (transmission au contrôle de légalité, accusé de réception)";
    DeliberationRecord.Transmission t = d.transmission();
    if (t == null) {
      return new Check("TRANSMISSION", title, article, false, "Acte non transmis.", null);
    }
    boolean acknowledged = "ACKNOWLEDGED".equals(t.status());
    String figures = acknowledged
        ? "Transmis le " + FrenchDates.dayAndTime(t.transmittedAt()) + ", accusé de réception (ARActe) du "
            + FrenchDates.dayAndTime(t.acknowledgedAt()) + ", identifiant ACTES " + t.actesId() + "."
        : "Transmission " + t.status() + (t.refusal() == null ? "" : " : " + t.refusal()) + ".";
    return new Check("TRANSMISSION", title, article, acknowledged, figures,
        proofs.first(acknowledged ? EvidenceKind.ACT_ACKNOWLEDGED : EvidenceKind.ACT_TRANSMITTED, e -> true));
  }

  private Check publication(DeliberationRecord d, Proofs proofs) {
    String title = "Publication";
    String article = "CGCT, art. L2131-1 (publication sous forme électronique)";
    DeliberationRecord.Publication p = d.publication();
    if (p == null) {
      return new Check("PUBLICATION", title, article, false, "Acte non publié.", null);
    }
    Optional<Entry> signed = proofs.firstEntry(EvidenceKind.ACT_SIGNED, e -> true);
    boolean sameFile = signed.map(e -> p.sha256().equals(e.facts().get("sha256"))).orElse(true);
    return new Check("PUBLICATION", title, article, sameFile, "Publié le " + FrenchDates.dayAndTime(p.publishedAt())
        + " sur " + p.url() + " ; SHA-256 " + p.sha256() + (sameFile ? ", celui de l'acte signé." : ", DIFFÉRENT de "
        + "celui de l'acte signé."), proofs.first(EvidenceKind.ACT_PUBLISHED, e -> true));
  }

  private static Check enforceability(DeliberationRecord d, Proofs proofs) {
    String title = "Caractère exécutoire";
    String article = "CGCT, art. L2131-1 (exécutoire dès publication et transmission)";
    if (d.enforceableAt() == null) {
      return new Check("ENFORCEABILITY", title, article, false, "L'acte n'est pas exécutoire.", null);
    }
    OffsetDateTime published = d.publication() == null ? null : d.publication().publishedAt();
    OffsetDateTime transmitted = d.transmission() == null ? null : d.transmission().acknowledgedAt();
    boolean after = published != null && transmitted != null && !d.enforceableAt().isBefore(published)
        && !d.enforceableAt().isBefore(transmitted);
    // Proven by the later of the two events it follows.
    Long acknowledgedSeq = proofs.first(EvidenceKind.ACT_ACKNOWLEDGED, e -> true);
    Long publishedSeq = proofs.first(EvidenceKind.ACT_PUBLISHED, e -> true);
    Long seq = acknowledgedSeq == null ? publishedSeq : publishedSeq == null ? acknowledgedSeq
        : Math.max(acknowledgedSeq, publishedSeq);
    return new Check("ENFORCEABILITY", title, article, after, "Exécutoire depuis le "
        + FrenchDates.dayAndTime(d.enforceableAt()) + (after ? ", après sa transmission et sa publication."
        : ", avant sa transmission ou sa publication."), seq);
  }

  private Check notification(DeliberationRecord d, Proofs proofs) {
    String title = "Notification aux partenaires";
    String article = "Notification après le caractère exécutoire (CGCT, art. L2131-1) ; accusés de réception";
    Collection<DeliberationRecord.PartnerNotification> all = d.notifications() == null ? List.of() : d.notifications();
    if (all.isEmpty()) {
      return new Check("NOTIFICATION", title, article, null, "Aucun partenaire à notifier.", null);
    }
    long acknowledged = all.stream().filter(n -> n.acknowledgedAt() != null).count();
    boolean afterEnforceable = d.enforceableAt() != null && all.stream().allMatch(n -> n.notifiedAt() == null
        || !n.notifiedAt().isBefore(d.enforceableAt()));
    String figures = all.size() + " partenaire" + (all.size() > 1 ? "s" : "") + " notifié" + (all.size() > 1 ? "s" : "")
        + (afterEnforceable ? " après le caractère exécutoire" : " AVANT le caractère exécutoire") + ", "
        + acknowledged + " accusé" + (acknowledged > 1 ? "s" : "") + " de réception ("
        + all.stream().map(n -> n.name() + (n.acknowledgedAt() == null ? " : en attente"
            : " : le " + FrenchDates.dayAndTime(n.acknowledgedAt()))).collect(Collectors.joining(" ; ")) + ").";
    // Sent after enforceability: met once every partner acknowledged, pending (no verdict yet) before.
    Boolean met = !afterEnforceable ? Boolean.FALSE : acknowledged == all.size() ? Boolean.TRUE : null;
    return new Check("NOTIFICATION", title, article, met, figures, proofs.first(EvidenceKind.NOTIFICATION_ACKNOWLEDGED, e -> true));
  }

  private Optional<fr.comitia.roster.BodyRules> rules(DeliberationRecord d) {
    return organisation.body(d.body().id()).map(Organisation.Body::rules);
  }

  /** The journal entries of the act and of its session, by kind. */
  private record Proofs(List<Entry> entries) {
    List<Entry> of(EvidenceKind kind) {
      return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    Optional<Entry> firstEntry(EvidenceKind kind, java.util.function.Predicate<Entry> filter) {
      return entries.stream().filter(e -> e.kind() == kind).filter(filter).findFirst();
    }

    Long first(EvidenceKind kind, java.util.function.Predicate<Entry> filter) {
      return firstEntry(kind, filter).map(Entry::seq).orElse(null);
    }
  }
}
