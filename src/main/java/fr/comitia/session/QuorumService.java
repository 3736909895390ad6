package fr.comitia.session;

import fr.comitia.register.QuorumJudgement;

import fr.comitia.roster.BodyRules;
import fr.comitia.roster.BodyRules.QuorumRule;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Judges the quorum of a session with the DMN decision {@value #DECISION_KEY} (bpmn/quorum.dmn),
 * which holds the rule in force on the session day: CGCT L2121-17, the health-crisis windows, or
 * the body's statuts. The proxies one member may hold are their own decision,
 * {@value #PROXIES_DECISION_KEY}, which {@value #DECISION_KEY} requires (one DRD).
 */
@Service
public class QuorumService {

  /** Key of the quorum decision. */
  public static final String DECISION_KEY = "quorum";

  /** Key of the decision on the proxies one present member may hold. */
  public static final String PROXIES_DECISION_KEY = "proxies";

  private final BiFunction<String, Map<String, Object>, Map<String, Object>> evaluator;

  /**
   * The law's decisions are Comitia's own reading of the rules, not an operation of the user on the
   * engine: they are evaluated without the user's Camunda authorizations (a director reading a
   * legality report has no right on decision definitions, and needs none).
   */
  @Autowired
  public QuorumService(DecisionService decisionService, org.camunda.bpm.engine.IdentityService identityService) {
    this(
        (key, variables) -> {
          org.camunda.bpm.engine.impl.identity.Authentication user = identityService.getCurrentAuthentication();
          identityService.clearAuthentication();
          try {
            DmnDecisionResultEntries result =
                decisionService
                    .evaluateDecisionByKey(key)
                    .variables(variables)
                    .evaluate()
                    .getSingleResult();
            return result == null ? null : result.getEntryMap();
          } finally {
            if (user != null) {
              identityService.setAuthentication(user);
            }
          }
        });
  }

  /** For tests: evaluates the decisions with the given function ((key, variables) to the single result). */
  QuorumService(BiFunction<String, Map<String, Object>, Map<String, Object>> evaluator) {
    this.evaluator = Objects.requireNonNull(evaluator);
  }

  /**
   * Judges the quorum of a session.
   *
   * @param quorumRequired false for a session on reconvocation (no quorum condition)
   * @param inOffice members in office on the session day
   * @param present members present
   * @param represented members represented by a valid proxy
   */
  public QuorumJudgement judge(
      LocalDate sessionDay,
      BodyRules rules,
      boolean quorumRequired,
      int inOffice,
      int present,
      int represented) {
    Map<String, Object> variables =
        dmnVariables(sessionDay, rules, quorumRequired, inOffice, present, represented);
    Map<String, Object> result = evaluator.apply(DECISION_KEY, variables);
    if (result == null) {
      throw new IllegalStateException(
          "Decision " + DECISION_KEY + ": no rule matched the variables " + variables);
    }
    return new QuorumJudgement(
        (String) result.get("regime"),
        (String) result.get("ruleLabel"),
        inOffice,
        present,
        represented,
        integer(result, "counted"),
        integer(result, "required"),
        Boolean.TRUE.equals(result.get("quorumReached")),
        integer(result, "maxProxiesPerHolder"));
  }

  /**
   * Proxies one present member may hold at a session of the body on that day (two in the
   * health-crisis windows for a body following the CGCT, else the body's setting).
   */
  public int maxProxiesPerHolder(LocalDate sessionDay, BodyRules rules) {
    Map<String, Object> result = evaluator.apply(PROXIES_DECISION_KEY, dmnVariables(sessionDay, rules, true, 0, 0, 0));
    if (result == null) {
      throw new IllegalStateException("Decision " + PROXIES_DECISION_KEY + ": no rule matched");
    }
    return integer(result, "proxiesPerHolder");
  }

  /**
   * The variables of the decision {@value #DECISION_KEY}, as a business rule task receives them:
   * sessionDay (String, ISO date), quorumRequired, quorumSource, statutsThreshold,
   * statutsCounting, bodyMaxProxies, inOffice, present, represented.
   */
  public static Map<String, Object> dmnVariables(
      LocalDate sessionDay,
      BodyRules rules,
      boolean quorumRequired,
      int inOffice,
      int present,
      int represented) {
    Objects.requireNonNull(sessionDay, "sessionDay");
    Objects.requireNonNull(rules, "rules");
    QuorumRule quorum = rules.quorum() != null ? rules.quorum() : QuorumRule.cgct();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("sessionDay", sessionDay.toString());
    variables.put(SessionVariables.QUORUM_REQUIRED, quorumRequired);
    variables.put("quorumSource", quorum.source().name());
    variables.put("statutsThreshold", quorum.threshold().name());
    variables.put("statutsCounting", quorum.counting().name());
    variables.put("bodyMaxProxies", rules.maxProxiesPerHolder());
    variables.put(SessionVariables.IN_OFFICE, inOffice);
    variables.put(SessionVariables.PRESENT, present);
    variables.put(SessionVariables.REPRESENTED, represented);
    return variables;
  }

  private static int integer(Map<String, Object> result, String name) {
    Object value = result.get(name);
    if (!(value instanceof Number number)) {
      throw new IllegalStateException(
          "Decision " + DECISION_KEY + ": output " + name + " is not a number: " + value);
    }
    return number.intValue();
  }
}
