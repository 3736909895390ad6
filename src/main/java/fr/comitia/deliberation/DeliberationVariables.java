package fr.comitia.deliberation;

/**
 * The variables of process {@code deliberation}: a public contract (REST clients, Tasklist forms,
 * tests). Add, never rename.
 */
public final class DeliberationVariables {

  public static final String PROCESS_KEY = "deliberation";

  // Start
  public static final String BODY_ID = "bodyId";
  public static final String OBJECT = "object";
  public static final String RAPPORTEUR_ID = "rapporteurId";
  public static final String PREAMBLE = "preamble";
  public static final String VISAS = "visas";
  public static final String PROPOSAL = "proposal";
  public static final String ARTICLES = "articles";
  public static final String ANNEXES = "annexes";
  public static final String PARTNERS = "partners";
  public static final String NOTE = "note";
  /** ACTES nature of the act (« 1 » Délibérations by default). Added 2026-12. */
  public static final String NATURE = "nature";
  /** Matière of the prefecture's classification (« 1.4 »), required before validation. Added 2026-12. */
  public static final String MATIERE = "matiere";
  public static final String INITIATOR_ID = "initiatorId";

  // reviewDraft
  public static final String APPROVED = "approved";
  public static final String REVIEW_COMMENT = "reviewComment";

  // Messages
  public static final String MESSAGE_SCHEDULED = "DeliberationScheduled";
  public static final String MESSAGE_VOTE_RECORDED = "VoteRecorded";
  public static final String MESSAGE_ACKNOWLEDGED = "NotificationAcknowledged";
  public static final String SESSION_ID = "sessionId";
  public static final String OUTCOME = "outcome";
  /**
   * Year of the sitting that voted (in Paris), handed over by the session with {@code VoteRecorded}:
   * the register's numbering year. Added 2026-12.
   */
  public static final String SESSION_YEAR = "sessionYear";

  // After the vote
  public static final String NUMBER = "number";
  public static final String SIGNED = "signed";
  public static final String PARTNER_NOTIFICATIONS = "partnerNotifications";
  public static final String NOTIFICATION_ID = "notificationId";
  public static final String REMINDERS = "reminders";
  public static final String ACKNOWLEDGED = "acknowledged";

  // Transmission to the prefecture and publication (added 2026-12)
  /** Where the current attempt stands: TRANSMITTED | ACKNOWLEDGED | REFUSED (set by transmitAct, checkTransmission). */
  public static final String TRANSMISSION_STATUS = "transmissionStatus";
  /** The attempt being transmitted: 1, then one more for each « retransmettre ». */
  public static final String TRANSMISSION_ATTEMPT = "transmissionAttempt";
  /** handleTransmission: true retransmits the act, false abandons its electronic transmission. */
  public static final String RETRANSMIT = "retransmit";

  // Task ids
  public static final String TASK_REVIEW = "reviewDraft";
  public static final String TASK_REVISE = "reviseDraft";
  public static final String TASK_SIGN = "signExtract";
  public static final String TASK_FOLLOW_UP = "followUpNotification";
  public static final String TASK_HANDLE_TRANSMISSION = "handleTransmission";

  private DeliberationVariables() {}
}
