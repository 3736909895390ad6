package fr.comitia.session;

/**
 * A legal rule of the session (CGCT or statuts) is broken. The message is in French and is shown
 * to users verbatim.
 */
public class RuleViolation extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RuleViolation(String frenchMessage) {
    super(frenchMessage);
  }
}
