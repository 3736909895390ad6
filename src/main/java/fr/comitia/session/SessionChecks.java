package fr.comitia.session;

import fr.comitia.register.SessionRepository;
import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.AttendanceStatus;

import fr.comitia.register.QuorumJudgement;

import fr.comitia.platform.RuleViolation;

import com.fasterxml.jackson.databind.JsonNode;
import fr.comitia.platform.InputLimits;
import fr.comitia.roster.Organisation.Body;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Service;

/**
 * What the session's Tasklist forms ask before they complete a task: the roll call and the
 * convocation as the completion will judge them, by the same rules ({@link AttendanceRules},
 * {@link QuorumService}, {@link ConvocationRules}) and with the same words. Nothing is recorded.
 */
@Service
public class SessionChecks {

  private final SessionRepository repository;
  private final SessionService service;
  private final QuorumService quorum;
  private final Clock clock;
  private final IdentityService identityService;

  SessionChecks(SessionRepository repository, SessionService service, QuorumService quorum, Clock clock,
      IdentityService identityService) {
    this.repository = repository;
    this.service = service;
    this.quorum = quorum;
    this.clock = clock;
    this.identityService = identityService;
  }

  /**
   * A roll call as it stands in the form.
   *
   * @param sessionId the session
   * @param membersInOffice id to display name, in roll-call order
   * @param maxProxiesPerHolder proxies one present member may hold at this session
   * @param attendance the totals, or null when {@link AttendanceRules} refuses the roll call
   * @param quorum the quorum as DMN {@code quorum} will judge it, or null when the roll call is refused
   * @param assemblyName the assembly inside a sentence (« le comité syndical »)
   * @param fault the first rule the completion would break (French, as it will be shown), or null
   * @param eligibleHolders for each member not present, who may receive their proxy (ids, in
   *     roll-call order)
   */
  public record RollCallCheck(String sessionId, Map<String, String> membersInOffice, int maxProxiesPerHolder,
      AttendanceSummary attendance, QuorumJudgement quorum, String assemblyName, String fault,
      Map<String, List<String>> eligibleHolders) {}

  /**
   * The convocation if the president signed it today.
   *
   * @param today the convocation date if signed now
   * @param sessionDay the day of the session
   * @param clearDays clear days between today and the session
   * @param requiredClearDays the body's delay
   * @param lastDay the last day to sign without urgency
   * @param urgentRequiredClearDays the delay under urgency
   * @param urgentLastDay the last day to sign under urgency
   * @param lastDayLabel {@code lastDay} in French, as the form shows it (« vendredi 10 juin 2022 »)
   * @param urgentLastDayLabel {@code urgentLastDay} in French
   * @param fault the refusal the signature would meet (French, as it will be shown), or null
   */
  public record ConvocationCheck(String sessionId, LocalDate today, LocalDate sessionDay, long clearDays,
      int requiredClearDays, LocalDate lastDay, int urgentRequiredClearDays, LocalDate urgentLastDay, String lastDayLabel,
      String urgentLastDayLabel, String fault) {}

  /**
   * The roll call of a session as its completion would judge it.
   *
   * @param entries the attendance as the form would submit it
   * @return empty for an unknown session
   */
  public Optional<RollCallCheck> rollCall(String sessionId, List<AttendanceEntry> entries, String presidingMemberId,
      String sessionSecretaryId) {
    return repository.find(sessionId).map(session -> asComitia(() -> {
      Body body = service.body(session);
      LocalDate day = SessionService.sessionDay(session);
      Map<String, String> names = new LinkedHashMap<>();
      service.membersInOffice(session).forEach(s -> names.put(s.id(), s.fullName()));
      int max = quorum.maxProxiesPerHolder(day, body.rules());
      AttendanceSummary summary = null;
      QuorumJudgement judgement = null;
      String fault = null;
      try {
        summary = AttendanceRules.check(entries, names, max, service.seating(body));
        judgement = quorum.judge(day, body.rules(), session.quorumRequired(), summary.inOffice(), summary.present(),
            summary.represented());
        SessionService.requireOfficers(entries, names, presidingMemberId, sessionSecretaryId);
      } catch (RuleViolation e) {
        fault = e.getMessage();
      }
      Map<String, List<String>> holders = new LinkedHashMap<>();
      Map<String, Boolean> seated = new LinkedHashMap<>();
      entries.forEach(e -> seated.putIfAbsent(e.memberId(), e.seated()));
      for (String id : names.keySet()) {
        if (!Boolean.TRUE.equals(seated.get(id))) {
          holders.put(id, AttendanceRules.eligibleHolders(entries, names, max, id));
        }
      }
      return new RollCallCheck(sessionId, Collections.unmodifiableMap(names), max, summary, judgement,
          body.assemblyName(), fault, Collections.unmodifiableMap(holders));
    }));
  }

  /**
   * Comitia evaluates DMN {@code quorum}, as the business rule task does, not the user of the request
   * (who has no right to evaluate decisions through the engine's API).
   */
  private <T> T asComitia(Supplier<T> work) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }

  /**
   * The signature of the convocation today, as its completion would judge it.
   *
   * @param userId who would sign (null: not checked)
   * @return empty for an unknown session
   */
  public Optional<ConvocationCheck> convocation(String sessionId, boolean urgent, String urgencyReason,
      String userId) {
    return repository.find(sessionId).map(session -> {
      LocalDate today = LocalDate.now(clock.withZone(SessionService.PARIS));
      LocalDate sessionDay = SessionService.sessionDay(session);
      int required = service.body(session).rules().convocationDelayClearDays();
      int urgentRequired = ConvocationRules.urgentClearDays(required);
      String fault = InputLimits.text("Le motif de l'urgence (urgencyReason)", urgencyReason,
          InputLimits.URGENCY_REASON);
      if (fault == null) {
        try {
          service.checkConvocation(session, today, urgent, urgencyReason, userId);
        } catch (RuleViolation e) {
          fault = e.getMessage();
        }
      }
      LocalDate lastDay = ConvocationRules.lastDayToConvoke(sessionDay, required);
      LocalDate urgentLastDay = ConvocationRules.lastDayToConvoke(sessionDay, urgentRequired);
      return new ConvocationCheck(sessionId, today, sessionDay, ConvocationRules.clearDays(today, sessionDay),
          required, lastDay, urgentRequired, urgentLastDay, SessionForms.SessionViews.day(lastDay),
          SessionForms.SessionViews.day(urgentLastDay), fault);
    });
  }

  /**
   * The {@code attendance} of a roll call, a JSON array of {memberId, status, proxyHolderId} with, for an
   * absent or excused member whose substitute sits, {@code substituteId}.
   *
   * @throws RuleViolation when it is not such an array
   */
  public static List<AttendanceEntry> attendance(JsonNode attendance) {
    if (attendance == null || !attendance.isArray()) {
      throw new RuleViolation(
          "« attendance » doit être une liste de {memberId, status, proxyHolderId}, un élément par membre en exercice.");
    }
    if (attendance.size() > InputLimits.ATTENDANCE) {
      throw new RuleViolation("Appel refusé : au plus " + InputLimits.ATTENDANCE + " entrées (reçu : "
          + attendance.size() + ").");
    }
    List<AttendanceEntry> entries = new ArrayList<>();
    for (JsonNode e : attendance) {
      if (!e.isObject()) {
        throw new RuleViolation("Appel refusé : chaque entrée est un objet {memberId, status, proxyHolderId}.");
      }
      String status = text(e, "status");
      AttendanceStatus parsed = null;
      if (status != null) {
        try {
          parsed = AttendanceStatus.valueOf(status);
        } catch (IllegalArgumentException ex) {
          throw new RuleViolation("Appel refusé : statut « " + status + " » inconnu (PRESENT, REMOTE, ABSENT ou "
              + "EXCUSED).");
        }
      }
      entries.add(new AttendanceEntry(text(e, "memberId"), parsed, text(e, "proxyHolderId"),
          text(e, "substituteId")));
    }
    return entries;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }
}
