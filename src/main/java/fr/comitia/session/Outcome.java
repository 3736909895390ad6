package fr.comitia.session;

/** Outcome of a deliberation's vote. */
public enum Outcome {
  ADOPTED,
  REJECTED,
  WITHDRAWN
}
