package fr.comitia.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.platform.RuleViolation;
import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.QuorumJudgement;
import fr.comitia.register.VoteChoice;
import fr.comitia.register.VoteResult;
import fr.comitia.session.AttendanceSummary;
import fr.comitia.session.SessionChecks.ConvocationCheck;
import fr.comitia.session.SessionChecks.RollCallCheck;
import fr.comitia.session.SessionChecks;
import fr.comitia.session.VoteInput;
import fr.comitia.session.VoteRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Tasklist's forms ask while they are filled in, so that no rule is written twice: the vote's
 * figures ({@link VoteRules}), the roll call with its proxies and quorum ({@code AttendanceRules},
 * DMN {@code quorum}) and the convocation delay ({@code ConvocationRules}), each answered as the
 * completion of the task will judge it, with the same French words. Reads only ({@code GET}), so a
 * Tasklist session may ask them (see {@link WebappSessionAuthenticationFilter}); a parameter that
 * cannot be read is a 400 in French.
 */
@Tag(name = "Formulaires", description = "Vérifications que les formulaires de Tasklist demandent au serveur, avec les règles mêmes qui jugeront la complétion.")
@RestController
class FormRulesController {

  private static final int MAX_PARAMETER = 100_000;

  private final SessionChecks checks;
  private final ReadAccess access;
  private final CurrentUser currentUser;
  private final ObjectMapper json;

  FormRulesController(SessionChecks checks, ReadAccess access, CurrentUser currentUser, ObjectMapper json) {
    this.checks = checks;
    this.access = access;
    this.currentUser = currentUser;
    this.json = json;
  }

  /**
   * The vote's figures as {@link VoteRules} will check them.
   *
   * @param voters votants: present or represented less those not taking part
   * @param cast voix exprimées et abstentions
   * @param suffrages suffrages exprimés
   * @param tie as many votes for as against
   * @param castingVote a tie in a public vote: the presiding member's vote decides
   * @param ok the figures would be accepted as they are
   * @param outcome ADOPTED or REJECTED when ok
   * @param message the refusal, in VoteRules' words, or what the figures give
   */
  record VoteCheck(int voters, int cast, int suffrages, boolean tie, boolean castingVote, boolean ok, String outcome,
      String message) {}

  @Operation(summary = "Vérifier les chiffres d'un vote (votants, suffrages exprimés, issue)")
  @ApiDoc.Refuses({400})
  @GetMapping("/api/forms/vote-check")
  VoteCheck voteCheck(@RequestParam(required = false) String votesFor,
      @RequestParam(required = false) String votesAgainst, @RequestParam(required = false) String abstentions,
      @RequestParam(required = false) String notParticipating,
      @RequestParam(required = false) String presentOrRepresented,
      @RequestParam(required = false) String secretBallot, @RequestParam(required = false) String presidingVote) {
    Integer all = integer("presentOrRepresented", presentOrRepresented);
    if (all == null || all < 0) {
      throw ApiException.badRequest("Paramètre « presentOrRepresented » obligatoire : le nombre de membres présents "
          + "ou représentés (entier positif ou nul).");
    }
    Integer pour = integer("votesFor", votesFor);
    Integer contre = integer("votesAgainst", votesAgainst);
    Integer abst = integer("abstentions", abstentions);
    Integer np = integer("notParticipating", notParticipating);
    boolean secret = bool("secretBallot", secretBallot);
    VoteChoice presiding = choice(presidingVote);

    int voters = VoteRules.voters(all, zero(np));
    int cast = VoteRules.cast(zero(pour), zero(contre), zero(abst));
    int suffrages = VoteRules.suffragesExprimes(zero(pour), zero(contre));
    // Whether the figures make a tie, and whether the presiding member's vote would decide it, as
    // VoteRules decides them once a casting vote is given.
    VoteResult probe = decide(new VoteInput(false, pour, contre, abst, np, secret,
        presiding == null ? VoteChoice.FOR : presiding), all);
    boolean tie = probe != null && probe.votesFor() == probe.votesAgainst();
    boolean casting = probe != null && probe.tieDecidedByPresident();
    try {
      VoteResult result = VoteRules.decide(new VoteInput(false, pour, contre, abst, np, secret, presiding), all);
      return new VoteCheck(result.voters(), VoteRules.cast(result.votesFor(), result.votesAgainst(),
          result.abstentions()), result.suffragesExprimes(), tie, casting, true, result.outcome().name(),
          outcomeMessage(result, tie, secret));
    } catch (RuleViolation e) {
      return new VoteCheck(voters, cast, suffrages, tie, casting, false, null, e.getMessage());
    }
  }

  private static VoteResult decide(VoteInput input, int presentOrRepresented) {
    try {
      return VoteRules.decide(input, presentOrRepresented);
    } catch (RuleViolation e) {
      return null;
    }
  }

  private static String outcomeMessage(VoteResult result, boolean tie, boolean secret) {
    String outcome = switch (result.outcome()) {
      case ADOPTED -> "la délibération est adoptée.";
      case REJECTED -> "la délibération est rejetée.";
      case WITHDRAWN -> "la délibération est retirée.";
    };
    if (result.tieDecidedByPresident()) {
      return VoteRules.CASTING_VOTE_NOTE + " Avec sa voix, " + outcome;
    }
    if (tie && secret) {
      return VoteRules.SECRET_TIE_NOTE;
    }
    return "Figures cohérentes : " + outcome;
  }

  /**
   * A roll call as DMN {@code quorum} and the attendance rules will judge it.
   *
   * @param present members present (in person, by videoconference or through their substitute), or null when
   *     the roll call would be refused
   * @param represented members represented by a valid proxy
   * @param counted members counted for the quorum
   * @param required members required (0 on reconvocation)
   * @param reached the quorum is reached
   * @param rule the rule that decides, in French
   * @param regime the rule's code (STATUTS, CGCT_ORDINARY, RECONVOCATION, a health-crisis text)
   * @param figures « 13 présents ou représentés sur 22 membres en exercice, 12 requis »
   * @param sentence what the form shows under the rule
   * @param ok the completion would be accepted as it is
   * @param fault the first rule it would break, in the completion's words
   * @param holders for each member not present, who may receive their proxy (ids)
   * @param remote of those present, members by videoconference
   * @param substituted of those present, seats filled by a substitute
   */
  record RollCallAnswer(String sessionId, int inOffice, Integer present, Integer absent, Integer excused,
      Integer represented, Integer counted, Integer required, Boolean reached, String rule, String regime,
      int maxProxiesPerHolder, String figures, String sentence, boolean ok, String fault,
      Map<String, List<String>> holders, Integer remote, Integer substituted) {}

  @Operation(summary = "Vérifier un appel (présents, procurations, quorum du jour)")
  @ApiDoc.Refuses({400, 403, 404})
  @GetMapping("/api/forms/roll-call-check")
  RollCallAnswer rollCallCheck(@RequestParam(required = false) String sessionId,
      @RequestParam(required = false) String attendance, @RequestParam(required = false) String presidingMemberId,
      @RequestParam(required = false) String sessionSecretaryId) {
    requireStaff();
    String id = sessionId(sessionId);
    List<AttendanceEntry> entries;
    try {
      entries = SessionChecks.attendance(attendance == null || attendance.isBlank() ? null : json.readTree(attendance));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Paramètre « attendance » invalide : ce n'est pas un JSON valide.");
    } catch (RuleViolation e) {
      throw ApiException.badRequest("Paramètre « attendance » invalide : " + e.getMessage());
    }
    RollCallCheck check = checks.rollCall(id, entries, blankToNull(presidingMemberId), blankToNull(sessionSecretaryId))
        .orElseThrow(() -> ApiException.notFound("Séance « " + id + " » introuvable."));
    AttendanceSummary a = check.attendance();
    QuorumJudgement q = check.quorum();
    String sentence;
    if (q == null) {
      sentence = "Le quorum sera jugé une fois l'appel corrigé.";
    } else if (q.reconvened()) {
      sentence = q.figures() + ". " + q.sentence(check.assemblyName());
    } else {
      sentence = q.figures() + " : " + (q.reached() ? "le quorum est atteint."
          : "le quorum n'est pas atteint ; la séance devra être reconvoquée.");
    }
    return new RollCallAnswer(id, check.membersInOffice().size(), a == null ? null : a.present(),
        a == null ? null : a.absent(), a == null ? null : a.excused(), a == null ? null : a.represented(),
        q == null ? null : q.counted(), q == null ? null : q.required(), q == null ? null : q.reached(),
        q == null ? null : q.ruleLabel(), q == null ? null : q.regime(), check.maxProxiesPerHolder(),
        q == null ? null : q.figures(), sentence, check.fault() == null, check.fault(), check.eligibleHolders(),
        a == null ? null : a.remote(), a == null ? null : a.substituted());
  }

  /**
   * The signature of the convocation today, as the completion of « Signer la convocation » will
   * judge it (signatory, delay in clear days).
   *
   * @param clearDays clear days between today and the session
   * @param lastDay the last day to sign without urgency (ISO), {@code lastDayLabel} in French
   * @param ok the signature would be accepted today
   * @param message the refusal in the completion's words, or that the delay holds
   */
  record ConvocationAnswer(String sessionId, LocalDate today, LocalDate sessionDay, long clearDays,
      int requiredClearDays, LocalDate lastDay, String lastDayLabel, int urgentRequiredClearDays,
      LocalDate urgentLastDay, String urgentLastDayLabel, boolean urgent, boolean ok, String message) {}

  @Operation(summary = "Vérifier le délai de convocation si elle est signée aujourd'hui")
  @ApiDoc.Refuses({400, 403, 404})
  @GetMapping("/api/forms/convocation-check")
  ConvocationAnswer convocationCheck(@RequestParam(required = false) String sessionId,
      @RequestParam(required = false) String urgent, @RequestParam(required = false) String urgencyReason) {
    requireStaff();
    String id = sessionId(sessionId);
    boolean isUrgent = bool("urgent", urgent);
    ConvocationCheck c = checks.convocation(id, isUrgent, urgencyReason, currentUser.id())
        .orElseThrow(() -> ApiException.notFound("Séance « " + id + " » introuvable."));
    String message = c.fault();
    if (message == null) {
      long days = c.clearDays();
      message = "Délai respecté : " + days + (days > 1 ? " jours francs" : " jour franc")
          + " entre aujourd'hui et la séance, " + (isUrgent ? c.urgentRequiredClearDays() + " requis en cas d'urgence."
          : c.requiredClearDays() + " requis.");
    }
    return new ConvocationAnswer(id, c.today(), c.sessionDay(), c.clearDays(), c.requiredClearDays(), c.lastDay(),
        c.lastDayLabel(), c.urgentRequiredClearDays(), c.urgentLastDay(), c.urgentLastDayLabel(), isUrgent,
        c.fault() == null, message);
  }

  // --- Parameters -----------------------------------------------------------------------------------

  private void requireStaff() {
    if (!access.staff()) {
      throw ApiException.forbidden("Accès refusé : les vérifications des formulaires de séance sont réservées aux "
          + "services (secrétariat, présidence, direction, rédaction, administration).");
    }
  }

  private static String sessionId(String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest("Paramètre « sessionId » obligatoire : l'identifiant de la séance.");
    }
    if (value.length() > 100) {
      throw ApiException.badRequest("Paramètre « sessionId » invalide : 100 caractères au plus.");
    }
    return value.strip();
  }

  /** An integer, or null when absent or empty (« le nombre … est obligatoire » is VoteRules' answer). */
  private static Integer integer(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (Math.abs((long) n) > MAX_PARAMETER) {
        throw ApiException.badRequest("Paramètre « " + name + " » invalide : « " + value.strip()
            + " » dépasse " + MAX_PARAMETER + ".");
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Paramètre « " + name + " » invalide : « " + shorten(value)
          + " » n'est pas un nombre entier.");
    }
  }

  private static boolean bool(String name, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiException.badRequest("Paramètre « " + name + " » invalide : true ou false (reçu : « "
          + shorten(value) + " »).");
    };
  }

  private static VoteChoice choice(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return VoteChoice.valueOf(value.strip());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Paramètre « presidingVote » invalide : FOR, AGAINST ou ABSTAIN (reçu : « "
          + shorten(value) + " »).");
    }
  }

  private static int zero(Integer value) {
    return value == null ? 0 : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String shorten(String value) {
    return value.length() > 100 ? value.substring(0, 100) + "…" : value;
  }
}
