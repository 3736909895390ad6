package fr.comitia.evidence;

/** What a journal entry proves, and how the register screen names it. */
public enum EvidenceKind {
  CONVOCATION_SIGNED("Convocation signée par le président"),
  MAIL_ACCEPTED("Courriel accepté par le serveur SMTP"),
  PROXY_DECLARED("Procuration déclarée"),
  PROXY_REVOKED("Procuration révoquée"),
  ROLL_CALL_RECORDED("Appel enregistré"),
  VOTE_RECORDED("Vote enregistré"),
  ACT_SIGNED("Acte signé"),
  ACT_TRANSMITTED("Acte transmis à la préfecture"),
  ACT_ACKNOWLEDGED("Accusé de réception de la préfecture"),
  ACT_PUBLISHED("Acte publié"),
  NOTIFICATION_ACKNOWLEDGED("Accusé de réception d'une notification");

  private final String label;

  EvidenceKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
