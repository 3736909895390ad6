package fr.comitia.session;

import java.time.OffsetDateTime;
import java.time.Period;

/**
 * The assembly approved the minutes of its previous session (CGCT L2121-15), by the first vote of
 * session {@code approvedInSessionId}; published within the transaction of that vote. The minutes
 * are then signed by the president and countersigned by that session's secretary, and published
 * online « dans la semaine qui suit la séance au cours de laquelle il a été arrêté ».
 *
 * @param sessionId the session whose minutes were approved
 * @param approvedInSessionId the session that approved them
 * @param bodyId the assembly
 * @param sessionSecretaryId the secretary of session {@code sessionId}, who countersigns
 * @param publicationDueAt online at the latest (the approving session plus a week)
 */
public record MinutesApproved(String sessionId, String approvedInSessionId, String bodyId, String sessionSecretaryId,
    OffsetDateTime publicationDueAt) {

  /** The week of L2121-15, fixed by the law. */
  public static final Period PUBLICATION_DELAY = Period.ofDays(7);

  /** The approving session's date plus a week. */
  public static OffsetDateTime publicationDue(OffsetDateTime approvingSessionDate) {
    return approvingSessionDate.plus(PUBLICATION_DELAY);
  }
}
