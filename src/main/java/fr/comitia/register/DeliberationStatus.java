package fr.comitia.register;

/** Where a deliberation stands, with its French label. */
public enum DeliberationStatus {
  IN_REVIEW("En validation par la direction"),
  RETURNED("Renvoyée au rédacteur"),
  AWAITING_SESSION("Validée, en attente d'une séance"),
  SCHEDULED("Inscrite à l'ordre du jour"),
  ADOPTED("Adoptée, en attente de signature"),
  SIGNED("Signée, en cours de transmission et de publication"),
  ENFORCEABLE("Exécutoire, en cours de notification"),
  NOTIFIED("Notifiée"),
  REJECTED("Rejetée");

  private final String label;

  DeliberationStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
