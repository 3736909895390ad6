package fr.comitia.session;

/** A member's status at the roll call (appel). */
public enum AttendanceStatus {
  PRESENT,
  ABSENT,
  EXCUSED
}
