package fr.comitia.platform;

/**
 * The time-stamping authority did not give a token (down, refused, wrong answer): what needs one is
 * retried by its job, and ends as an incident in Cockpit after the last retry.
 */
public class TimestampUnavailableException extends RuntimeException {

  public TimestampUnavailableException(String message) {
    super(message);
  }

  public TimestampUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
