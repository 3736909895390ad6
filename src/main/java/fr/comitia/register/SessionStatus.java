package fr.comitia.register;

/** Where a session stands, with its French label. */
public enum SessionStatus {
  PLANNED("Ordre du jour en préparation"),
  AGENDA_READY("Convocation à signer"),
  CONVOKED("Membres convoqués"),
  NO_QUORUM("Quorum non atteint, à reconvoquer"),
  RECONVOKED("Reconvoquée sans condition de quorum"),
  IN_SESSION("En séance"),
  CLOSED("Close");

  private final String label;

  SessionStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
