package fr.comitia.session;

import fr.comitia.register.SessionRepository;
import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.AttendanceStatus;
import fr.comitia.register.VoteResult;

import fr.comitia.register.QuorumJudgement;

import fr.comitia.platform.FrenchDates;
import fr.comitia.platform.RuleViolation;
import static fr.comitia.session.SessionVariables.*;

import fr.comitia.deliberation.DeliberationService;
import fr.comitia.register.DeliberationStatus;
import fr.comitia.platform.InputLimits;
import fr.comitia.roster.BodyDirectory;
import fr.comitia.roster.BodyDirectory.Seat;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import fr.comitia.roster.Organisation.Member;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import fr.comitia.register.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A session of an assembly: agenda, convocation, roll call, quorum, votes, closing. */
@Service
public class SessionService {

  static final ZoneId PARIS = FrenchDates.ZONE;

  private final SessionRepository repository;
  private final Organisation organisation;
  private final BodyDirectory directory;
  private final QuorumService quorumService;
  private final DeliberationService deliberations;
  private final RuntimeService runtimeService;
  private final fr.comitia.register.MinutesRepository minutes;
  private final org.springframework.context.ApplicationEventPublisher events;
  private final Clock clock;
  private final SessionEvidence evidence;

  SessionService(SessionRepository repository, Organisation organisation, BodyDirectory directory,
      QuorumService quorumService, DeliberationService deliberations,
      RuntimeService runtimeService, fr.comitia.register.MinutesRepository minutes,
      org.springframework.context.ApplicationEventPublisher events, Clock clock, SessionEvidence evidence) {
    this.evidence = evidence;
    this.minutes = minutes;
    this.events = events;
    this.repository = repository;
    this.organisation = organisation;
    this.directory = directory;
    this.quorumService = quorumService;
    this.deliberations = deliberations;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  // --- Start ------------------------------------------------------------------------------------

  /** Checks the request, then starts process {@code session}; all or nothing. */
  @Transactional
  public String submit(String bodyId, String sessionDate, String place) {
    List<String> faults = new ArrayList<>();
    if (bodyId == null || organisation.body(bodyId).isEmpty()) {
      faults.add("L'assemblée « " + bodyId + " » est inconnue.");
    }
    OffsetDateTime date = null;
    try {
      date = parseDate(sessionDate, SESSION_DATE);
      if (!date.isAfter(OffsetDateTime.now(clock))) {
        faults.add("La date de séance doit être à venir (reçu : " + sessionDate + ").");
      }
    } catch (RuleViolation e) {
      faults.add(e.getMessage());
    }
    if (place == null || place.isBlank()) {
      faults.add("Le lieu de la séance est obligatoire.");
    } else if (InputLimits.text("Le lieu de la séance", place, InputLimits.PLACE) != null) {
      faults.add(InputLimits.text("Le lieu de la séance", place, InputLimits.PLACE));
    }
    if (!faults.isEmpty()) {
      throw new RuleViolation("Séance refusée : " + String.join(" ", faults));
    }
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY, Variables.createVariables()
        .putValue(BODY_ID, bodyId).putValue(SESSION_DATE, date.toString()).putValue(PLACE, place.strip()))
        .getBusinessKey();
  }

  static OffsetDateTime parseDate(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new RuleViolation("« " + field + " » est obligatoire (date ISO-8601 avec fuseau, par exemple "
          + "2022-06-16T10:00:00+02:00).");
    }
    try {
      OffsetDateTime date = OffsetDateTime.parse(text.strip());
      if (date.getYear() < InputLimits.FIRST_YEAR
          || date.getYear() > InputLimits.LAST_YEAR) {
        throw new RuleViolation("« " + field + " » doit être une date entre " + InputLimits.FIRST_YEAR
            + " et " + InputLimits.LAST_YEAR + " (reçu : « " + text.strip() + " »).");
      }
      return date;
    } catch (DateTimeParseException e) {
      throw new RuleViolation("« " + field + " » doit être une date ISO-8601 avec fuseau, par exemple "
          + "2022-06-16T10:00:00+02:00 (reçu : « " + text + " »).");
    }
  }

  /**
   * Writes the session into the register when the process starts (API, Tasklist or engine REST)
   * under a new id, which it returns. A start that names its own business key is refused.
   */
  String register(String requestedKey, String bodyId, String sessionDate, String place, String processInstanceId) {
    if (requestedKey != null && !requestedKey.isBlank()) {
      throw new RuleViolation(repository.exists(requestedKey.strip())
          ? "La séance « " + requestedKey.strip() + " » existe déjà : un second processus ne peut pas la reprendre."
          : "L'identifiant d'une séance est attribué par Comitia : démarrez le processus sans clé métier (reçu « "
              + requestedKey.strip() + " »).");
    }
    if (bodyId == null || organisation.body(bodyId).isEmpty()) {
      throw new RuleViolation("L'assemblée « " + bodyId + " » est inconnue.");
    }
    if (place == null || place.isBlank()) {
      throw new RuleViolation("Le lieu de la séance est obligatoire.");
    }
    String fault = InputLimits.text("Le lieu de la séance", place, InputLimits.PLACE);
    if (fault != null) {
      throw new RuleViolation(fault);
    }
    String id = repository.nextId();
    repository.insert(id, bodyId, parseDate(sessionDate, SESSION_DATE), place.strip(), processInstanceId,
        OffsetDateTime.now(clock));
    return id;
  }

  // --- Agenda and convocation ---------------------------------------------------------------------

  /** The agenda: approved deliberations of the body waiting for a session, in order. */
  void buildAgenda(String sessionId, List<String> deliberationIds) {
    SessionRepository.Row session = repository.findForUpdate(sessionId).orElseThrow();
    if (deliberationIds == null || deliberationIds.isEmpty()) {
      throw new RuleViolation("Ordre du jour vide : inscrivez au moins une délibération validée.");
    }
    Set<String> seen = new HashSet<>();
    for (String id : deliberationIds) {
      if (!seen.add(id)) {
        throw new RuleViolation("Ordre du jour refusé : « " + id + " » est inscrite deux fois.");
      }
      String body = deliberations.bodyOf(id).orElseThrow(
          () -> new RuleViolation("Ordre du jour refusé : la délibération « " + id + " » n'existe pas."));
      if (!body.equals(session.bodyId())) {
        throw new RuleViolation("Ordre du jour refusé : « " + id + " » relève d'une autre assemblée (" + body + ").");
      }
      DeliberationStatus status = deliberations.status(id).orElseThrow();
      if (status != DeliberationStatus.AWAITING_SESSION) {
        throw new RuleViolation("Ordre du jour refusé : « " + id + " » n'est pas une délibération validée en "
            + "attente de séance (" + status.label().toLowerCase(Locale.FRENCH) + ").");
      }
      repository.openSessionWith(id, sessionId).ifPresent(other -> {
        throw new RuleViolation("Ordre du jour refusé : « " + id + " » est déjà inscrite à la séance " + other + ".");
      });
    }
    repository.replaceAgenda(sessionId, deliberationIds);
  }

  /**
   * The president signs the convocation: the convocation date is the signing date, and the delay
   * in clear days is checked against the body's rule (urgency may shorten it to one clear day).
   */
  void signConvocation(String sessionId, boolean urgent, String urgencyReason, String userId) {
    SessionRepository.Row session = repository.findForUpdate(sessionId).orElseThrow();
    LocalDate today = LocalDate.now(clock.withZone(PARIS));
    checkConvocation(session, today, urgent, urgencyReason, userId);
    repository.convoke(sessionId, today, userId, urgent, urgent ? urgencyReason.strip() : null);
    Body body = body(session);
    evidence.convocationSigned(sessionId, session.sitting(), today, sessionDay(session),
        body.rules().convocationDelayClearDays(), urgent, urgent ? urgencyReason.strip() : null, userId);
  }

  /** The rules of the signature of a convocation sent that day (signatory, delay in clear days). */
  void checkConvocation(SessionRepository.Row session, LocalDate today, boolean urgent, String urgencyReason,
      String userId) {
    Body body = body(session);
    if (userId != null && !userId.equals(body.presidentId())) {
      throw new RuleViolation("Signature refusée : la convocation est signée par le président, "
          + name(body.presidentId()) + ".");
    }
    LocalDate sessionDay = session.sessionDate().atZoneSameInstant(PARIS).toLocalDate();
    ConvocationRules.check(today, sessionDay, body.rules().convocationDelayClearDays(), urgent, urgencyReason);
  }

  void scheduleItems(String sessionId) {
    for (String id : repository.agenda(sessionId)) {
      deliberations.scheduleOnSession(id, sessionId);
    }
  }

  public List<String> agenda(String sessionId) {
    return repository.agenda(sessionId);
  }

  /** Members in office on the session day: each is convoked. */
  public List<String> convokedMembers(String sessionId) {
    return membersInOffice(repository.find(sessionId).orElseThrow()).stream().map(Seat::id).toList();
  }

  /** « jeudi 16 juin 2022 à 10 h 00 » */
  static String when(OffsetDateTime date) {
    return FrenchDates.dayAndTime(date);
  }

  Optional<SessionRepository.Row> row(String sessionId) {
    return repository.find(sessionId);
  }

  // --- Roll call and quorum -------------------------------------------------------------------------

  /**
   * Records the roll call (after checking proxies by the regime of the day) and returns the DMN
   * variables of the quorum decision.
   */
  Map<String, Object> rollCall(String sessionId, List<AttendanceEntry> entries, String presidingMemberId,
      String sessionSecretaryId) {
    SessionRepository.Row session = repository.findForUpdate(sessionId).orElseThrow();
    Body body = body(session);
    LocalDate day = sessionDay(session);
    Map<String, String> names = new LinkedHashMap<>();
    membersInOffice(session).forEach(s -> names.put(s.id(), s.fullName()));
    int maxProxies = quorumService.maxProxiesPerHolder(day, body.rules());
    AttendanceSummary summary = AttendanceRules.check(entries, names, maxProxies, seating(body));
    Map<String, AttendanceEntry> byId = requireOfficers(entries, names, presidingMemberId, sessionSecretaryId);
    List<AttendanceEntry> ordered = new ArrayList<>();
    for (String id : names.keySet()) {
      AttendanceEntry e = byId.get(id);
      String holder = summary.proxies().get(id);
      ordered.add(new AttendanceEntry(id, e.status(), holder, e.substituted() ? e.substituteId() : null));
    }
    repository.saveRollCall(sessionId, session.sitting(), ordered, presidingMemberId, sessionSecretaryId);
    Map<String, Object> quorum = QuorumService.dmnVariables(day, body.rules(), session.quorumRequired(),
        summary.inOffice(), summary.present(), summary.represented());
    evidence.rollCall(sessionId, session.sitting(), ordered, quorum, presidingMemberId, sessionSecretaryId);
    return quorum;
  }

  /** What the body's statuts say of videoconference and substitutes at its roll calls. */
  AttendanceRules.Seating seating(Body body) {
    return AttendanceRules.Seating.of(body, this::name);
  }

  /**
   * The presiding member and the session's secretary (both required, L2121-14, L2121-15) are members present at
   * a roll call that {@link AttendanceRules#check} accepted, in person or by videoconference (not through a
   * substitute); returns its entries by member.
   */
  static Map<String, AttendanceEntry> requireOfficers(List<AttendanceEntry> entries, Map<String, String> names,
      String presidingMemberId, String sessionSecretaryId) {
    Map<String, AttendanceEntry> byId = new LinkedHashMap<>();
    entries.forEach(e -> byId.put(e.memberId(), e));
    requirePresent(byId, names, presidingMemberId, "La présidence de séance", PRESIDING_MEMBER_ID);
    // « Au début de chacune de ses séances, le conseil nomme un ou plusieurs de ses membres pour remplir
    // les fonctions de secrétaire » (CGCT L2121-15): the minutes are drawn up by them.
    requirePresent(byId, names, sessionSecretaryId, "Le secrétaire de séance", SESSION_SECRETARY_ID);
    return byId;
  }

  private static void requirePresent(Map<String, AttendanceEntry> byId, Map<String, String> names, String memberId,
      String role, String field) {
    if (memberId == null || memberId.isBlank()) {
      throw new RuleViolation(role + " est obligatoire (" + field + ").");
    }
    AttendanceEntry e = byId.get(memberId);
    if (e == null) {
      throw new RuleViolation(role + " : « " + memberId + " » n'est pas membre en exercice.");
    }
    if (e.status() == null || !e.status().attends()) {
      throw new RuleViolation(role + " : " + names.get(memberId) + " n'est pas présent(e)"
          + (e.substituted() ? " : son siège est occupé par son suppléant." : "."));
    }
  }

  /** Keeps the quorum decision (DMN result and its inputs) with its rule and figures; returns it. */
  QuorumJudgement recordQuorum(String sessionId, Map<String, Object> decision, int inOffice, int present,
      int represented) {
    SessionRepository.Row session = repository.find(sessionId).orElseThrow();
    QuorumJudgement judgement = new QuorumJudgement(
        (String) decision.get("regime"), (String) decision.get("ruleLabel"), inOffice, present, represented,
        ((Number) decision.get("counted")).intValue(), ((Number) decision.get("required")).intValue(),
        Boolean.TRUE.equals(decision.get("quorumReached")), ((Number) decision.get("maxProxiesPerHolder")).intValue());
    repository.saveQuorum(sessionId, session.sitting(), judgement, OffsetDateTime.now(clock));
    return judgement;
  }

  /**
   * Reconvenes with the same agenda, at least 3 clear days after the sitting that lacked the quorum,
   * without quorum condition.
   */
  OffsetDateTime reconvene(String sessionId, String newSessionDate) {
    SessionRepository.Row failed = repository.findForUpdate(sessionId).orElseThrow();
    OffsetDateTime date = parseDate(newSessionDate, NEW_SESSION_DATE);
    ConvocationRules.checkReconvocation(sessionDay(failed), LocalDate.now(clock.withZone(PARIS)),
        date.atZoneSameInstant(PARIS).toLocalDate());
    repository.reconvene(sessionId, date);
    return date;
  }

  // --- Votes and closing -----------------------------------------------------------------------------

  /** Checks and records the vote on one item, then tells the deliberation its outcome. */
  VoteResult recordVote(String sessionId, String deliberationId, VoteInput input, String recordedBy) {
    return recordVote(sessionId, deliberationId, input, null, recordedBy);
  }

  /** The same, with the substance of the debate on the item for the minutes (L2121-15). */
  VoteResult recordVote(String sessionId, String deliberationId, VoteInput input, String debateSummary,
      String recordedBy) {
    SessionRepository.Row session = repository.findForUpdate(sessionId).orElseThrow();
    if (repository.voted(sessionId, deliberationId)) {
      throw new RuleViolation("Vote déjà enregistré pour « " + deliberationId + " ».");
    }
    Map<String, String> voters = voters(session);
    BallotRules.checkRemote(input, body(session).rules().remoteAttendance(), remote(session));
    java.util.Set<String> interested = input.withdrawn() ? java.util.Set.of()
        : interestRules(session, input, voters);
    Map<String, String> itemVoters = new java.util.LinkedHashMap<>(voters);
    itemVoters.keySet().removeAll(interested);
    VoteResult decided = VoteRules.decide(input, itemVoters.size());
    BallotRules.check(input, itemVoters, this::name);
    // Those who did not take part: the interested members and the others entered.
    VoteResult result = interested.isEmpty() ? decided : new VoteResult(decided.outcome(), decided.voters(),
        decided.votesFor(), decided.votesAgainst(), decided.abstentions(),
        decided.notParticipating() + interested.size(), decided.suffragesExprimes(), decided.tieDecidedByPresident());
    repository.saveVote(sessionId, deliberationId, result, input.ballot(), input.presidingVote(), recordedBy,
        OffsetDateTime.now(clock));
    if (debateSummary != null && !debateSummary.isBlank()) {
      repository.saveDebate(sessionId, deliberationId, debateSummary.strip());
    }
    if (result.outcome() != Outcome.WITHDRAWN) {
      repository.saveBallots(sessionId, deliberationId, input.ballots().stream()
          .map(b -> new SessionRepository.Ballot(b.memberId(), b.choice().name())).toList());
      repository.saveInterested(sessionId, deliberationId, List.copyOf(interested));
    }
    deliberations.recordOutcome(deliberationId, sessionId, FrenchDates.parisDay(session.sessionDate()).getYear(),
        result.outcome().name());
    evidence.vote(sessionId, deliberationId, result, input.ballot() == null ? null : input.ballot().name(),
        List.copyOf(interested));
    return result;
  }

  /**
   * The members declared interested in an item (L1111-6, L2131-11): each present or represented,
   * none in the roll-call list, and the item's quorum reached without them (the DMN's rule of the
   * day); returns them.
   */
  private java.util.Set<String> interestRules(SessionRepository.Row session, VoteInput input,
      Map<String, String> voters) {
    java.util.Set<String> interested = new java.util.LinkedHashSet<>(input.interestedMemberIds());
    if (interested.isEmpty()) {
      return interested;
    }
    for (String memberId : interested) {
      if (!voters.containsKey(memberId)) {
        throw new RuleViolation(SessionVariables.INTERESTED_MEMBER_IDS, "Membre intéressé : " + name(memberId)
            + " n'est ni présent ni représenté à cette séance ; il ne prend de toute façon pas part au vote.");
      }
    }
    for (VoteInput.MemberBallot b : input.ballots()) {
      if (interested.contains(b.memberId())) {
        throw new RuleViolation(SessionVariables.BALLOTS, "Scrutin public : " + name(b.memberId())
            + ", intéressé, ne prend pas part au vote ; son vote ne peut pas être consigné.");
      }
    }
    int present = 0;
    int represented = 0;
    for (AttendanceEntry e : repository.attendance(session.id(), session.sitting())) {
      if (interested.contains(e.memberId())) {
        continue;
      }
      if (e.seated()) {
        present++;
      } else if (e.proxyHolderId() != null) {
        represented++;
      }
    }
    fr.comitia.register.QuorumJudgement quorum = quorumService.judge(sessionDay(session), body(session).rules(),
        session.quorumRequired(), membersInOffice(session).size(), present, represented);
    if (!quorum.reached()) {
      throw new RuleViolation(SessionVariables.INTERESTED_MEMBER_IDS, "Quorum non atteint pour ce point : sans "
          + String.join(", ", interested.stream().map(this::name).toList()) + " (intéressé" + (interested.size() > 1
          ? "s" : "") + ", qui ne compte" + (interested.size() > 1 ? "nt" : "") + " pas), " + quorum.figures()
          + " (" + quorum.ruleLabel() + ").");
    }
    return interested;
  }

  /**
   * The vote on the minutes of the body's previous session, first item of this one (L2121-15): the
   * members present or represented vote; ADOPTED approves them (they are then signed and published
   * within a week, see {@link MinutesApproved}); REJECTED or withdrawn leaves them to a later session.
   */
  VoteResult recordMinutesVote(String sessionId, String minutesOfSessionId, VoteInput input, String recordedBy) {
    SessionRepository.Row session = repository.findForUpdate(sessionId).orElseThrow();
    if (minutes.voted(sessionId, minutesOfSessionId)) {
      throw new RuleViolation("Vote déjà enregistré sur le procès-verbal de la séance « " + minutesOfSessionId + " ».");
    }
    if (!minutesOfSessionId.equals(minutes.awaitingApproval(sessionId).orElse(null))) {
      throw new RuleViolation(MINUTES_OF_SESSION_ID, "Le procès-verbal de la séance « " + minutesOfSessionId
          + " » n'est pas à approuver à cette séance (ce n'est pas la séance précédente de l'assemblée, ou il est "
          + "déjà approuvé).");
    }
    if (!input.interestedMemberIds().isEmpty()) {
      throw new RuleViolation(INTERESTED_MEMBER_IDS, "Approbation du procès-verbal : nul n'est intéressé à ce point "
          + "(interestedMemberIds doit rester vide).");
    }
    Map<String, String> voters = voters(session);
    BallotRules.checkRemote(input, body(session).rules().remoteAttendance(), remote(session));
    VoteResult result = VoteRules.decide(input, voters.size());
    BallotRules.check(input, voters, this::name);
    OffsetDateTime now = OffsetDateTime.now(clock);
    minutes.saveVote(new fr.comitia.register.MinutesRepository.MinutesVote(sessionId, minutesOfSessionId,
        result.outcome().name(), input.ballot().name(), result.voters(), result.votesFor(), result.votesAgainst(),
        result.abstentions(), result.notParticipating(), result.tieDecidedByPresident(), recordedBy, now));
    if (result.outcome() == Outcome.ADOPTED) {
      OffsetDateTime due = MinutesApproved.publicationDue(session.sessionDate());
      minutes.approve(minutesOfSessionId, sessionId, now, due);
      SessionRepository.Row approved = repository.find(minutesOfSessionId).orElseThrow();
      events.publishEvent(new MinutesApproved(minutesOfSessionId, sessionId, session.bodyId(),
          approved.sessionSecretaryId(), due));
    }
    return result;
  }

  /**
   * The voters of the sitting, by seat, with the name of who sits: the members present (in person, by
   * videoconference or through their substitute), and those represented through a proxy.
   */
  private Map<String, String> voters(SessionRepository.Row session) {
    Map<String, String> voters = new LinkedHashMap<>();
    for (AttendanceEntry e : repository.attendance(session.id(), session.sitting())) {
      if (e.seated() || e.proxyHolderId() != null) {
        voters.put(e.memberId(), e.substituted() ? name(e.substituteId()) : name(e.memberId()));
      }
    }
    return voters;
  }

  /** The members attending by videoconference. */
  private List<String> remote(SessionRepository.Row session) {
    return repository.attendance(session.id(), session.sitting()).stream()
        .filter(e -> e.status() == AttendanceStatus.REMOTE).map(e -> name(e.memberId())).toList();
  }

  /** « Approbation du procès-verbal de la séance du 16 juin 2022 » */
  String minutesItemTitle(String minutesOfSessionId) {
    return repository.find(minutesOfSessionId)
        .map(s -> "Approbation du procès-verbal de la séance du " + FrenchDates.parisDay(s.sessionDate())
            .format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH)))
        .orElse("Approbation du procès-verbal de la séance « " + minutesOfSessionId + " »");
  }

  /** The items {@code recordVote} iterates on: the previous minutes to approve, if any, then the agenda. */
  List<String> voteItems(String sessionId) {
    List<String> items = new ArrayList<>();
    minutes.awaitingApproval(sessionId).ifPresent(id -> items.add(SessionAgenda.MINUTES_ITEM + id));
    items.addAll(agenda(sessionId));
    return items;
  }

  void close(String sessionId) {
    repository.close(sessionId, OffsetDateTime.now(clock));
  }

  // --- Helpers ---------------------------------------------------------------------------------------

  Body body(SessionRepository.Row session) {
    return organisation.body(session.bodyId()).orElseThrow();
  }

  static LocalDate sessionDay(SessionRepository.Row session) {
    return session.sessionDate().atZoneSameInstant(PARIS).toLocalDate();
  }

  List<Seat> membersInOffice(SessionRepository.Row session) {
    return directory.inOffice(body(session), sessionDay(session));
  }

  String name(String memberId) {
    return organisation.member(memberId).map(Member::fullName).orElse(memberId);
  }

  public String bodyOf(String sessionId) {
    return repository.find(sessionId).map(SessionRepository.Row::bodyId).orElse(null);
  }
}
