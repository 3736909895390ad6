package fr.comitia.register;

/** Outcome of a deliberation's vote. */
public enum Outcome {
  ADOPTED,
  REJECTED,
  WITHDRAWN
}
