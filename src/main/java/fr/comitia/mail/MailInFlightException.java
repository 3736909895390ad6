package fr.comitia.mail;

import java.time.OffsetDateTime;

/**
 * Another execution holds a live claim on this mail and may be sending it right now: this one sends
 * nothing and fails, so that its job is retried later instead of completing.
 *
 * <p>Why fail rather than return quietly: the job must not complete while the mail may still fail.
 * If this execution completed the job and the claim holder's send then failed (SMTP down, address
 * refused), the holder marks the mail FAILED and rolls back, but its job is gone: nothing would
 * retry the mail and no incident would ever show it in Cockpit — the mail would be lost. Failing
 * keeps the job; its next attempt finds the mail SENT (and completes quietly), or FAILED (and sends
 * it), or its holder dead and the claim expired (and takes it over).
 */
class MailInFlightException extends RuntimeException {

  MailInFlightException(String deliveryId, String recipient, OffsetDateTime claimExpiresAt) {
    super("Le courriel " + deliveryId + " à " + recipient + " est en cours d'envoi par une autre exécution"
        + (claimExpiresAt == null ? "" : " (réservé jusqu'au " + claimExpiresAt + ")")
        + " : il n'est pas envoyé une seconde fois, nouvel essai plus tard.");
  }
}
