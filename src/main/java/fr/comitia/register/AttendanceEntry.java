package fr.comitia.register;

/**
 * One line of the roll call.
 *
 * @param memberId member identifier (as in the organisation file)
 * @param status present, absent or excused; null means "not yet given"
 * @param proxyHolderId the member who holds this member's written proxy (pouvoir); null or blank
 *     for none
 */
public record AttendanceEntry(String memberId, AttendanceStatus status, String proxyHolderId) {}
