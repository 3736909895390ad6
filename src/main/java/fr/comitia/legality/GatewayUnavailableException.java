package fr.comitia.legality;

/** The gateway could not be reached or gave no usable answer: the job is retried, then an incident. */
public class GatewayUnavailableException extends RuntimeException {

  public GatewayUnavailableException(String message) {
    super(message);
  }

  public GatewayUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
