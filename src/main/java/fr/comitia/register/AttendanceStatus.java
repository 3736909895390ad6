package fr.comitia.register;

/** A member's status at the roll call (appel). */
public enum AttendanceStatus {
  PRESENT,
  ABSENT,
  EXCUSED
}
