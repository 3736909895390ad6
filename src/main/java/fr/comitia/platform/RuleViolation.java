package fr.comitia.platform;

import java.util.List;

/**
 * A rule is broken (CGCT, the body's statuts, Comitia's limits): the one refusal type of every
 * module. Its message is French and shown verbatim. Thrown from a service, a delegate or a task
 * listener, it is answered HTTP 400 with that message by every door ({@code /api}, the engine REST
 * API, the webapps' engine API: see {@link Refusals}); the transaction is rolled back and the task
 * stays open. {@code faults} lists each fault when there are several.
 */
public class RuleViolation extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final List<String> faults;

  public RuleViolation(String frenchMessage) {
    this(null, frenchMessage, List.of(frenchMessage));
  }

  /** The rule broken by one variable (or field) of a form. */
  public RuleViolation(String field, String frenchMessage) {
    this(field, frenchMessage, List.of(frenchMessage));
  }

  protected RuleViolation(String field, String frenchMessage, List<String> faults) {
    super(frenchMessage);
    this.field = field;
    this.faults = List.copyOf(faults);
  }

  /** The variable or field concerned, if one. */
  public String field() {
    return field;
  }

  public List<String> faults() {
    return faults;
  }
}
