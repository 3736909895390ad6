package fr.comitia.platform;

/** Comitia will not start as configured; the message tells the operator what to change, in French. */
public class StartupRefusedException extends RuntimeException {

  public StartupRefusedException(String message) {
    super(message);
  }

  public StartupRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
