package fr.comitia.roster;

/**
 * The rules a body follows, from its statuts or, where they are silent, from the CGCT.
 *
 * @param convocationDelayClearDays convocation delay in clear days (jours francs), CGCT default 5
 * @param maxProxiesPerHolder proxies one present member may hold outside the health-crisis windows
 * @param quorum how the quorum is judged
 */
public record BodyRules(int convocationDelayClearDays, int maxProxiesPerHolder, QuorumRule quorum) {

  public static final int CGCT_CONVOCATION_DELAY = 5;
  public static final int CGCT_MAX_PROXIES = 1;

  public static BodyRules cgct() {
    return new BodyRules(CGCT_CONVOCATION_DELAY, CGCT_MAX_PROXIES, QuorumRule.cgct());
  }

  /**
   * How the quorum is judged.
   *
   * @param source CGCT (article L2121-17 and the dated health-crisis windows, DMN {@code quorum}) or
   *     STATUTS (the body's own rule below)
   * @param label the rule in words, as printed
   * @param threshold MAJORITY (more than half of the members in office) or THIRD (one third, rounded up)
   * @param counting PRESENT (physically present) or PRESENT_OR_REPRESENTED
   */
  public record QuorumRule(Source source, String label, Threshold threshold, Counting counting) {

    public enum Source { CGCT, STATUTS }

    public enum Threshold { MAJORITY, THIRD }

    public enum Counting { PRESENT, PRESENT_OR_REPRESENTED }

    public static QuorumRule cgct() {
      return new QuorumRule(Source.CGCT, "CGCT, article L2121-17", Threshold.MAJORITY, Counting.PRESENT);
    }
  }
}
