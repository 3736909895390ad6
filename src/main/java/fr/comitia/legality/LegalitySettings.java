package fr.comitia.legality;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delays of the act's legality, read by process {@code deliberation} (timer {@code arActeDue}) and
 * by the services: how often the gateway is asked for the ARActe, how long a transmission claim
 * lasts, within what delay a session's list of deliberations goes online.
 */
@Component("legalitySettings")
public class LegalitySettings {

  private final Duration pollInterval;
  private final Duration claimDuration;
  private final Duration listDelay;

  LegalitySettings(
      @Value("${comitia.prefecture.poll-interval:PT15M}") Duration pollInterval,
      @Value("${comitia.prefecture.claim-duration:PT5M}") Duration claimDuration,
      @Value("${comitia.publication.deliberations-list-delay:P7D}") Duration listDelay) {
    if (pollInterval.isNegative() || pollInterval.isZero() || claimDuration.isNegative() || claimDuration.isZero()
        || listDelay.isNegative()) {
      throw new IllegalArgumentException("comitia.prefecture.poll-interval, claim-duration and "
          + "comitia.publication.deliberations-list-delay must be positive durations");
    }
    this.pollInterval = pollInterval;
    this.claimDuration = claimDuration;
    this.listDelay = listDelay;
  }

  /** ISO-8601 duration between two questions to the gateway while no ARActe has come; PT15M by default. */
  public String pollInterval() {
    return pollInterval.toString();
  }

  Duration claimDuration() {
    return claimDuration;
  }

  /** The list of a session's deliberations is online at most this long after the session (L2121-25: a week). */
  public Duration listDelay() {
    return listDelay;
  }
}
