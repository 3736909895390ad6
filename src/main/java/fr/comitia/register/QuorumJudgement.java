package fr.comitia.register;

import fr.comitia.platform.RuleViolation;

/**
 * Which quorum rule decided for a session, with its figures (DMN {@code quorum}).
 *
 * <p>Whether represented members were counted is derived: {@code counted != present} (see {@link
 * #representedCounted()}). When nobody is represented both readings give the same exact figure.
 *
 * @param regime RECONVOCATION, STATUTS, CGCT_ORDINARY or the health-crisis text in force
 *     (LOI_2020_290, ORDONNANCE_2020_391, LOI_2020_856, LOI_2020_1379, LOI_2021_1465)
 * @param ruleLabel the rule in French words, as printed
 * @param inOffice members in office
 * @param present members present
 * @param represented members represented (valid proxies)
 * @param counted members counted for the quorum (present, or present plus represented)
 * @param required members required (0 on reconvocation)
 * @param reached the quorum is reached (always on reconvocation)
 * @param maxProxiesPerHolder proxies one present member may hold at this session
 */
public record QuorumJudgement(
    String regime,
    String ruleLabel,
    int inOffice,
    int present,
    int represented,
    int counted,
    int required,
    boolean reached,
    int maxProxiesPerHolder) {

  /** Regime of a session held on reconvocation, without quorum condition (CGCT L2121-17). */
  public static final String RECONVOCATION = "RECONVOCATION";

  /** Whether the rule counted represented members in {@link #counted()}. */
  public boolean representedCounted() {
    return counted != present;
  }

  /** Whether the session is held on reconvocation, without quorum condition. */
  public boolean reconvened() {
    return RECONVOCATION.equals(regime);
  }

  /**
   * The quorum sentence of the extract and minutes.
   *
   * @param assemblyName the assembly as named inside a sentence, with its article: « le comité
   *     syndical »
   * @return « Le quorum étant atteint, le comité syndical peut valablement délibérer. » when
   *     reached; on reconvocation « Sur reconvocation, le comité syndical peut valablement
   *     délibérer sans condition de quorum. »; otherwise « Le quorum n'étant pas atteint, le comité
   *     syndical ne peut pas valablement délibérer. »
   */
  public String sentence(String assemblyName) {
    if (reconvened()) {
      return "Sur reconvocation, " + assemblyName + " peut valablement délibérer sans condition de quorum.";
    }
    if (reached) {
      return "Le quorum étant atteint, " + assemblyName + " peut valablement délibérer.";
    }
    return "Le quorum n'étant pas atteint, " + assemblyName + " ne peut pas valablement délibérer.";
  }

  /** « Quorum non atteint : 7 présents sur 22 membres en exercice, 8 requis ». */
  public String notReachedMessage() {
    return "Quorum non atteint : " + figures();
  }

  /**
   * « 13 présents ou représentés sur 22 membres en exercice, 12 requis »; on reconvocation « 1
   * présent sur 22 membres en exercice, sans condition de quorum ».
   */
  public String figures() {
    String countedWords =
        representedCounted()
            ? (counted > 1 ? " présents ou représentés" : " présent ou représenté")
            : (counted > 1 ? " présents" : " présent");
    return counted
        + countedWords
        + " sur "
        + inOffice
        + (inOffice > 1 ? " membres en exercice, " : " membre en exercice, ")
        + (reconvened() ? "sans condition de quorum" : required + " requis");
  }

  /**
   * Refuses to deliberate without quorum.
   *
   * @throws RuleViolation with {@link #notReachedMessage()} when the quorum is not reached
   */
  public void requireReached() {
    if (!reached) {
      throw new RuleViolation(notReachedMessage());
    }
  }
}
