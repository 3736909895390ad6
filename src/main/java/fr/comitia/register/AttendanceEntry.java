package fr.comitia.register;

/**
 * One line of the roll call.
 *
 * @param memberId member identifier (as in the organisation file)
 * @param status present, remote (by videoconference), absent or excused; null means "not yet given"
 * @param proxyHolderId the member who holds this member's written proxy (pouvoir); null or blank
 *     for none
 * @param substituteId the substitute (suppléant) who sits for this absent or excused member, where
 *     the statuts give one; null or blank for none
 */
public record AttendanceEntry(String memberId, AttendanceStatus status, String proxyHolderId, String substituteId) {

  /** A line without substitute. */
  public AttendanceEntry(String memberId, AttendanceStatus status, String proxyHolderId) {
    this(memberId, status, proxyHolderId, null);
  }

  /** A substitute sits for this member (the seat then counts as present). */
  public boolean substituted() {
    return substituteId != null && !substituteId.isBlank();
  }

  /** The seat is filled: the member present, by videoconference, or through their substitute. */
  public boolean seated() {
    return (status != null && status.attends()) || substituted();
  }
}
