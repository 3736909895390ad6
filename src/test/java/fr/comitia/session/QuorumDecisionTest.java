package fr.comitia.session;

import fr.comitia.register.QuorumJudgement;

import fr.comitia.platform.RuleViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.roster.BodyRules;
import fr.comitia.roster.BodyRules.QuorumRule;
import fr.comitia.roster.BodyRules.QuorumRule.Counting;
import fr.comitia.roster.BodyRules.QuorumRule.Source;
import fr.comitia.roster.BodyRules.QuorumRule.Threshold;
import java.io.FileInputStream;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quorum DMN (bpmn/quorum.dmn) evaluated by a standalone Camunda DMN engine. */
class QuorumDecisionTest {

  private static DmnEngine engine;
  private static DmnDecisionRequirementsGraph graph;
  private static DmnDecision decision;
  private static QuorumService service;

  private static final BodyRules CGCT = BodyRules.cgct();
  private static final BodyRules STATUTS_SEED =
      new BodyRules(
          5,
          1,
          new QuorumRule(
              Source.STATUTS,
              "Majorité des membres en exercice présents ou représentés",
              Threshold.MAJORITY,
              Counting.PRESENT_OR_REPRESENTED));
  private static final LocalDate SEED_DAY = LocalDate.of(2022, 6, 16);

  @BeforeAll
  static void parse() throws Exception {
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = new FileInputStream("bpmn/quorum.dmn")) {
      graph = engine.parseDecisionRequirementsGraph(in);
    }
    decision = graph.getDecision("quorum");
    service =
        new QuorumService(
            (key, variables) -> {
              DmnDecisionResultEntries result =
                  engine.evaluateDecision(graph.getDecision(key), variables).getSingleResult();
              return result == null ? null : result.getEntryMap();
            });
  }

  @Test
  void decisionIsNamedQuorumWithAFirstHitTable() {
    assertThat(decision.getKey()).isEqualTo("quorum");
    assertThat(decision.getName()).isEqualTo("Quorum");
    assertThat(decision.isDecisionTable()).isTrue();
  }

  @Test
  void theProxiesPerHolderAreTheirOwnDecisionThatTheQuorumRequires() {
    DmnDecision proxies = graph.getDecision("proxies");
    assertThat(proxies.getName()).isEqualTo("Pouvoirs par mandataire");
    assertThat(decision.getRequiredDecisions()).extracting(DmnDecision::getKey).containsExactly("proxies");
    // The seed's statuts body keeps its one proxy even inside a health-crisis window; a CGCT body gets two.
    assertThat(engine.evaluateDecision(proxies, QuorumService.dmnVariables(SEED_DAY, STATUTS_SEED, true, 0, 0, 0))
        .getSingleResult().getEntryMap()).containsEntry("proxiesPerHolder", 1);
    assertThat(engine.evaluateDecision(proxies, QuorumService.dmnVariables(SEED_DAY, CGCT, true, 0, 0, 0))
        .getSingleResult().getEntryMap()).containsEntry("proxiesPerHolder", 2);
    assertThat(service.maxProxiesPerHolder(LocalDate.of(2022, 8, 1), CGCT)).isEqualTo(1);
    assertThat(service.maxProxiesPerHolder(LocalDate.of(2020, 4, 2), CGCT)).isEqualTo(2);
    assertThat(service.maxProxiesPerHolder(LocalDate.of(2020, 9, 1), CGCT)).isEqualTo(1);
  }

  @Test
  void integerOutputsComeBackAsIntegers() {
    Map<String, Object> result =
        engine
            .evaluateDecision(
                decision, QuorumService.dmnVariables(SEED_DAY, STATUTS_SEED, true, 22, 7, 6))
            .getSingleResult()
            .getEntryMap();
    assertThat(result.get("counted")).isEqualTo(13);
    assertThat(result.get("required")).isEqualTo(12);
    assertThat(result.get("maxProxiesPerHolder")).isEqualTo(1);
    assertThat(result.get("quorumReached")).isEqualTo(true);
    assertThat(result.get("regime")).isEqualTo("STATUTS");
  }

  @Test
  void seedStatutsBodyReachesTheQuorumWithRepresentedMembers() {
    QuorumJudgement j = service.judge(SEED_DAY, STATUTS_SEED, true, 22, 7, 6);
    assertThat(j.regime()).isEqualTo("STATUTS");
    assertThat(j.ruleLabel())
        .isEqualTo("Statuts : majorité des membres en exercice présents ou représentés");
    assertThat(j.counted()).isEqualTo(13);
    assertThat(j.required()).isEqualTo(12);
    assertThat(j.reached()).isTrue();
    assertThat(j.maxProxiesPerHolder()).isEqualTo(1);
    assertThat(j.sentence("le comité syndical"))
        .isEqualTo("Le quorum étant atteint, le comité syndical peut valablement délibérer.");
    assertThat(j.figures())
        .isEqualTo("13 présents ou représentés sur 22 membres en exercice, 12 requis");
    j.requireReached();
  }

  @Test
  void sameAttendanceUnderTheCgctMissesTheQuorumOfTheLaw2021_1465() {
    QuorumJudgement j = service.judge(SEED_DAY, CGCT, true, 22, 7, 6);
    assertThat(j.regime()).isEqualTo("LOI_2021_1465");
    assertThat(j.ruleLabel())
        .isEqualTo(
            "Loi n° 2021-1465 du 10 novembre 2021, art. 10 : un tiers des membres en exercice présents");
    assertThat(j.counted()).isEqualTo(7);
    assertThat(j.required()).isEqualTo(8);
    assertThat(j.reached()).isFalse();
    assertThat(j.maxProxiesPerHolder()).isEqualTo(2);
    assertThat(j.notReachedMessage())
        .isEqualTo("Quorum non atteint : 7 présents sur 22 membres en exercice, 8 requis");
    assertThat(j.sentence("le bureau"))
        .isEqualTo("Le quorum n'étant pas atteint, le bureau ne peut pas valablement délibérer.");
    assertThatThrownBy(j::requireReached)
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Quorum non atteint : 7 présents sur 22 membres en exercice, 8 requis");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "2020-03-23, CGCT_ORDINARY,       7, 12, false, 1",
    "2020-03-24, LOI_2020_290,        7,  8, false, 2",
    "2020-04-02, LOI_2020_290,        7,  8, false, 2",
    "2020-04-03, ORDONNANCE_2020_391, 13, 8, true,  2",
    "2020-07-10, ORDONNANCE_2020_391, 13, 8, true,  2",
    "2020-07-11, LOI_2020_856,        7,  8, false, 2",
    "2020-08-30, LOI_2020_856,        7,  8, false, 2",
    "2020-08-31, CGCT_ORDINARY,       7, 12, false, 1",
    "2020-11-15, CGCT_ORDINARY,       7, 12, false, 1",
    "2020-11-16, LOI_2020_1379,       7,  8, false, 2",
    "2021-09-30, LOI_2020_1379,       7,  8, false, 2",
    "2021-10-01, CGCT_ORDINARY,       7, 12, false, 1",
    "2021-11-09, CGCT_ORDINARY,       7, 12, false, 1",
    "2021-11-10, LOI_2021_1465,       7,  8, false, 2",
    "2022-07-31, LOI_2021_1465,       7,  8, false, 2",
    "2022-08-01, CGCT_ORDINARY,       7, 12, false, 1",
  })
  void cgctRegimeByDate(
      LocalDate day, String regime, int counted, int required, boolean reached, int maxProxies) {
    QuorumJudgement j = service.judge(day, CGCT, true, 22, 7, 6);
    assertThat(j.regime()).isEqualTo(regime);
    assertThat(j.counted()).isEqualTo(counted);
    assertThat(j.required()).isEqualTo(required);
    assertThat(j.reached()).isEqualTo(reached);
    assertThat(j.maxProxiesPerHolder()).isEqualTo(maxProxies);
    assertThat(service.maxProxiesPerHolder(day, CGCT)).isEqualTo(maxProxies);
  }

  @Test
  void ordinaryCgctRuleNeedsMoreThanHalfPhysicallyPresent() {
    LocalDate day = LocalDate.of(2023, 3, 1);
    QuorumJudgement twelve = service.judge(day, CGCT, true, 22, 12, 6);
    assertThat(twelve.ruleLabel())
        .isEqualTo("CGCT L2121-17 : plus de la moitié des membres en exercice présents");
    assertThat(twelve.reached()).isTrue();
    assertThat(twelve.counted()).isEqualTo(12);
    assertThat(service.judge(day, CGCT, true, 22, 11, 10).reached()).isFalse();
    assertThat(service.judge(day, CGCT, true, 21, 11, 0).required()).isEqualTo(11);
    assertThat(service.judge(day, CGCT, true, 21, 10, 0).reached()).isFalse();
  }

  @Test
  void ordonnanceWindowCountsRepresentedMembers() {
    QuorumJudgement j = service.judge(LocalDate.of(2020, 5, 14), CGCT, true, 22, 7, 6);
    assertThat(j.ruleLabel())
        .isEqualTo(
            "Ordonnance n° 2020-391 du 1er avril 2020 : un tiers des membres en exercice présents ou représentés");
    assertThat(j.figures())
        .isEqualTo("13 présents ou représentés sur 22 membres en exercice, 8 requis");
    assertThat(j.sentence("le comité syndical"))
        .isEqualTo("Le quorum étant atteint, le comité syndical peut valablement délibérer.");
  }

  @Test
  void reconvocationHasNoQuorumCondition() {
    QuorumJudgement j = service.judge(LocalDate.of(2023, 3, 1), CGCT, false, 22, 1, 0);
    assertThat(j.regime()).isEqualTo("RECONVOCATION");
    assertThat(j.ruleLabel())
        .isEqualTo("Réunion sur reconvocation, sans condition de quorum (CGCT L2121-17)");
    assertThat(j.reached()).isTrue();
    assertThat(j.counted()).isEqualTo(1);
    assertThat(j.required()).isZero();
    assertThat(j.maxProxiesPerHolder()).isEqualTo(1);
    assertThat(j.figures()).isEqualTo("1 présent sur 22 membres en exercice, sans condition de quorum");
    assertThat(j.sentence("le comité syndical"))
        .isEqualTo(
            "Sur reconvocation, le comité syndical peut valablement délibérer sans condition de quorum.");
    // the statuts rule does not apply either on reconvocation
    assertThat(service.judge(SEED_DAY, STATUTS_SEED, false, 22, 1, 0).regime())
        .isEqualTo("RECONVOCATION");
  }

  @Test
  void reconvocationDuringAHealthCrisisWindowKeepsTwoProxies() {
    QuorumJudgement j = service.judge(LocalDate.of(2022, 6, 20), CGCT, false, 22, 1, 0);
    assertThat(j.regime()).isEqualTo("RECONVOCATION");
    assertThat(j.reached()).isTrue();
    assertThat(j.maxProxiesPerHolder()).isEqualTo(2);
    assertThat(service.judge(LocalDate.of(2022, 8, 1), CGCT, false, 22, 1, 0).maxProxiesPerHolder())
        .isEqualTo(1);
    assertThat(service.judge(LocalDate.of(2022, 6, 20), STATUTS_SEED, false, 22, 1, 0).maxProxiesPerHolder())
        .isEqualTo(1);
  }

  @Test
  void statutsThresholdAndCountingCombinations() {
    BodyRules thirdPresent = statuts(Threshold.THIRD, Counting.PRESENT, 3);
    QuorumJudgement a = service.judge(SEED_DAY, thirdPresent, true, 22, 7, 6);
    assertThat(a.ruleLabel()).isEqualTo("Statuts : un tiers des membres en exercice présents");
    assertThat(a.required()).isEqualTo(8);
    assertThat(a.counted()).isEqualTo(7);
    assertThat(a.reached()).isFalse();
    assertThat(a.maxProxiesPerHolder()).isEqualTo(3);

    BodyRules thirdRepresented = statuts(Threshold.THIRD, Counting.PRESENT_OR_REPRESENTED, 1);
    QuorumJudgement b = service.judge(SEED_DAY, thirdRepresented, true, 22, 7, 6);
    assertThat(b.ruleLabel())
        .isEqualTo("Statuts : un tiers des membres en exercice présents ou représentés");
    assertThat(b.counted()).isEqualTo(13);
    assertThat(b.reached()).isTrue();

    BodyRules majorityPresent = statuts(Threshold.MAJORITY, Counting.PRESENT, 1);
    QuorumJudgement c = service.judge(SEED_DAY, majorityPresent, true, 22, 7, 6);
    assertThat(c.ruleLabel()).isEqualTo("Statuts : majorité des membres en exercice présents");
    assertThat(c.required()).isEqualTo(12);
    assertThat(c.reached()).isFalse();
    assertThat(c.notReachedMessage())
        .isEqualTo("Quorum non atteint : 7 présents sur 22 membres en exercice, 12 requis");

    QuorumJudgement d = service.judge(SEED_DAY, STATUTS_SEED, true, 22, 5, 4);
    assertThat(d.notReachedMessage())
        .isEqualTo("Quorum non atteint : 9 présents ou représentés sur 22 membres en exercice, 12 requis");
  }

  @Test
  void dmnVariablesAreThoseOfTheBusinessRuleTask() {
    assertThat(QuorumService.dmnVariables(SEED_DAY, STATUTS_SEED, true, 22, 7, 6))
        .containsExactly(
            Map.entry("sessionDay", "2022-06-16"),
            Map.entry("quorumRequired", true),
            Map.entry("quorumSource", "STATUTS"),
            Map.entry("statutsThreshold", "MAJORITY"),
            Map.entry("statutsCounting", "PRESENT_OR_REPRESENTED"),
            Map.entry("bodyMaxProxies", 1),
            Map.entry("inOffice", 22),
            Map.entry("present", 7),
            Map.entry("represented", 6));
  }

  private static BodyRules statuts(Threshold threshold, Counting counting, int maxProxies) {
    return new BodyRules(5, maxProxies, new QuorumRule(Source.STATUTS, "Statuts", threshold, counting));
  }
}
