package fr.comitia.roster;

/**
 * The rules a body follows, from its statuts or, where they are silent, from the CGCT.
 *
 * @param convocationDelayClearDays convocation delay in clear days (jours francs), CGCT default 5
 * @param maxProxiesPerHolder proxies one present member may hold outside the health-crisis windows
 * @param quorum how the quorum is judged
 * @param remoteAttendance whether members may attend by videoconference (CGCT default: not allowed)
 * @param substituteNotice how the substitutes (suppléants) the statuts give are told of a sitting
 */
public record BodyRules(int convocationDelayClearDays, int maxProxiesPerHolder, QuorumRule quorum,
    RemoteAttendance remoteAttendance, SubstituteNotice substituteNotice, ConvocationDocuments convocationDocuments) {

  public static final int CGCT_CONVOCATION_DELAY = 5;
  public static final int CGCT_MAX_PROXIES = 1;

  public BodyRules {
    remoteAttendance = remoteAttendance == null ? RemoteAttendance.NOT_ALLOWED : remoteAttendance;
    substituteNotice = substituteNotice == null ? SubstituteNotice.INFORMED : substituteNotice;
    convocationDocuments = convocationDocuments == null ? ConvocationDocuments.LINKS : convocationDocuments;
  }

  /** The drafts and their annex files on the members' page, one link each in the convocation. */
  public BodyRules(int convocationDelayClearDays, int maxProxiesPerHolder, QuorumRule quorum,
      RemoteAttendance remoteAttendance, SubstituteNotice substituteNotice) {
    this(convocationDelayClearDays, maxProxiesPerHolder, quorum, remoteAttendance, substituteNotice,
        ConvocationDocuments.LINKS);
  }

  /** The rules without videoconference, substitutes told only when needed (the CGCT's silence). */
  public BodyRules(int convocationDelayClearDays, int maxProxiesPerHolder, QuorumRule quorum) {
    this(convocationDelayClearDays, maxProxiesPerHolder, quorum, RemoteAttendance.NOT_ALLOWED,
        SubstituteNotice.INFORMED);
  }

  public static BodyRules cgct() {
    return new BodyRules(CGCT_CONVOCATION_DELAY, CGCT_MAX_PROXIES, QuorumRule.cgct());
  }

  /**
   * Attendance by videoconference: NOT_ALLOWED (the CGCT, unless the statuts say otherwise), ALLOWED,
   * or PUBLIC_VOTES_ONLY (the EPCI regime of CGCT L5211-11-1: allowed, but no secret ballot while a
   * member attends remotely). A member attending remotely counts as present.
   */
  public enum RemoteAttendance {
    NOT_ALLOWED, ALLOWED, PUBLIC_VOTES_ONLY;

    public boolean allowed() {
      return this != NOT_ALLOWED;
    }
  }

  /**
   * How a substitute learns of a sitting: CONVOKED (convoked with the members, to sit if their
   * titular is absent) or INFORMED (sent the convocation when their titular declares, through the
   * personal link, an absence without giving a proxy).
   */
  public enum SubstituteNotice { CONVOKED, INFORMED }

  /**
   * What the convocation mail carries besides its PDF (agenda and explanatory notes) and the
   * invitation: LINKS (the drafts and annex files stay on the member's personal page, one link each
   * in the mail: a light mail) or ATTACHED (they are attached to every mail as well).
   */
  public enum ConvocationDocuments { LINKS, ATTACHED }

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
