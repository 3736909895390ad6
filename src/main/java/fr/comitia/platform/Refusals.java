package fr.comitia.platform;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * Tells, for any error, whether it is a refusal of what the caller sent and how to answer it; the
 * one place every door asks ({@code /api}'s handler, the engine REST API's and the webapps'
 * mappers). A {@link RuleViolation} anywhere in the causes (the engine wraps a listener's exception)
 * is a 400 with its French message; so is a form-field validation of Camunda's own. What
 * PostgreSQL refuses because of a value (SQL state class 22: too long, a NUL character, a date out
 * of range) is a 400 too; a frozen act (SQL state P0001, raised by the register's triggers, whose
 * message is French) a 409. Anything else is not a refusal. The transaction is rolled back:
 * nothing is written.
 */
public final class Refusals {

  public record Refusal(int status, String message, List<String> faults) {}

  private Refusals() {}

  public static Optional<Refusal> of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RuleViolation rule) {
        return Optional.of(new Refusal(400, rule.getMessage(), rule.faults()));
      }
      if (t instanceof FormFieldValidationException form) {
        return Optional.of(new Refusal(400, form.getMessage(), List.of(form.getMessage())));
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22")) {
          String message = "Valeur refusée par le registre : un texte est trop long, contient un caractère interdit "
              + "ou une date est hors des bornes. Rien n'a été enregistré.";
          return Optional.of(new Refusal(400, message, List.of(message)));
        }
        if (state.equals("P0001")) {
          String message = "Refusé : " + (sql.getMessage() == null ? "" : sql.getMessage()
              .replaceFirst("(?s)^ERROR: ", "").replaceFirst("(?s)\\n.*$", ""));
          return Optional.of(new Refusal(409, message, List.of(message)));
        }
      }
    }
    return Optional.empty();
  }
}
