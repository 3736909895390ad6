package fr.comitia.minutes;

/**
 * The variables of process {@code minutes}: a public contract (REST clients, Tasklist forms,
 * tests). Add, never rename.
 */
public final class MinutesVariables {

  public static final String PROCESS_KEY = "minutes";

  // Start (business key: the session whose minutes were approved)
  /** The session that approved them. */
  public static final String APPROVED_IN_SESSION_ID = "approvedInSessionId";
  public static final String BODY_ID = "bodyId";
  /** The body's president, who signs. */
  public static final String PRESIDENT_ID = "presidentId";
  /** The approved session's secretary, who countersigns (assignee of countersignMinutes). */
  public static final String SESSION_SECRETARY_ID = "sessionSecretaryId";
  /** Online at the latest: the approving session plus a week (Date). */
  public static final String PUBLICATION_DUE_AT = "publicationDueAt";

  // signMinutes, countersignMinutes
  /** true to sign, as for signExtract. */
  public static final String SIGNED = "signed";
  /** What the signing form shows (transient). */
  public static final String MINUTES_VIEW = "minutesView";

  // Task ids
  public static final String TASK_SIGN_MINUTES = "signMinutes";
  public static final String TASK_COUNTERSIGN_MINUTES = "countersignMinutes";
  /** « Publier le procès-verbal » : not online by its due date. */
  public static final String TASK_PUBLISH_MINUTES = "publishMinutes";

  private MinutesVariables() {}
}
