package fr.comitia.platform;

import java.sql.SQLException;
import java.util.Optional;

/**
 * What PostgreSQL refuses because of what a caller sent, told in French: a data exception (SQL
 * state class 22: a value too long, a NUL character, a date out of range) is a 400; a frozen act
 * (SQL state P0001 raised by the register's triggers, whose message is French) is a 409. Any other
 * database error stays a server error. The transaction is rolled back: nothing is written.
 */
public final class DataRefusals {

  public record Refusal(int status, String message) {}

  private DataRefusals() {}

  public static Optional<Refusal> of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("22")) {
          return Optional.of(new Refusal(400, "Valeur refusée par le registre : un texte est trop long, contient un "
              + "caractère interdit ou une date est hors des bornes. Rien n'a été enregistré."));
        }
        if (state.equals("P0001")) {
          String message = sql.getMessage() == null ? "" : sql.getMessage().replaceFirst("(?s)^ERROR: ", "")
              .replaceFirst("(?s)\\n.*$", "");
          return Optional.of(new Refusal(409, "Refusé : " + message));
        }
      }
    }
    return Optional.empty();
  }
}
