package fr.comitia.mail;

/** The SMTP server did not take a mail; the job that sends it will retry. */
class MailDeliveryException extends RuntimeException {

  public MailDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
