package fr.comitia.register;

/** A member's status at the roll call (appel). */
public enum AttendanceStatus {
  PRESENT,
  ABSENT,
  EXCUSED,
  /** Present by videoconference, where the body's rules allow it: counts as present. */
  REMOTE;

  /** Attends the sitting in person or by videoconference. */
  public boolean attends() {
    return this == PRESENT || this == REMOTE;
  }
}
