package fr.comitia.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The one clock of Comitia: the engine's. Business dates (convocation date, signing time, register
 * year) and the engine's timers read the same time, so a test that sets the engine's clock controls
 * both.
 */
public final class EngineClock extends Clock {

  public static final ZoneId PARIS = FrenchDates.ZONE;

  private final ZoneId zone;

  public EngineClock(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new EngineClock(zone);
  }

  @Override
  public Instant instant() {
    return ClockUtil.now().toInstant();
  }
}
