package fr.comitia.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-address limit of failed logins, on a clock the test moves. */
class FailedLoginLimiterTest {

  static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void move(Duration d) {
      now = now.plus(d);
    }
  }

  final MovingClock clock = new MovingClock();
  final FailedLoginLimiter limiter = new FailedLoginLimiter(clock, 20, Duration.ofMinutes(1));

  @Test
  void twentyFailuresInAMinuteBlockThatAddressForAMinuteAndNoOther() {
    for (int i = 0; i < 19; i++) {
      limiter.recordFailure("203.0.113.7");
      clock.move(Duration.ofSeconds(1));
    }
    assertThat(limiter.retryAfter("203.0.113.7")).isEmpty();
    limiter.recordFailure("203.0.113.7");
    assertThat(limiter.retryAfter("203.0.113.7")).contains(Duration.ofMinutes(1));
    assertThat(limiter.retryAfter("198.51.100.9")).isEmpty();

    clock.move(Duration.ofSeconds(59));
    assertThat(limiter.retryAfter("203.0.113.7")).contains(Duration.ofSeconds(1));
    clock.move(Duration.ofSeconds(1));
    assertThat(limiter.retryAfter("203.0.113.7")).isEmpty();
    limiter.recordFailure("203.0.113.7");
    assertThat(limiter.retryAfter("203.0.113.7")).as("the count starts again").isEmpty();
  }

  @Test
  void failuresSpreadOverMoreThanAMinuteDoNotBlock() {
    for (int i = 0; i < 100; i++) {
      limiter.recordFailure("203.0.113.8");
      clock.move(Duration.ofSeconds(4));
      assertThat(limiter.retryAfter("203.0.113.8")).as("failure %d", i).isEmpty();
    }
  }

  @Test
  void failuresDuringTheBlockDoNotExtendIt() {
    for (int i = 0; i < 20; i++) {
      limiter.recordFailure("203.0.113.9");
    }
    clock.move(Duration.ofSeconds(30));
    limiter.recordFailure("203.0.113.9");
    assertThat(limiter.retryAfter("203.0.113.9")).contains(Duration.ofSeconds(30));
  }

  @Test
  void theTableOfAddressesStaysBounded() {
    for (int i = 0; i < FailedLoginLimiter.MAX_ADDRESSES * 2; i++) {
      limiter.recordFailure("10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(limiter.addresses()).isLessThanOrEqualTo(FailedLoginLimiter.MAX_ADDRESSES);
    limiter.recordFailure("203.0.113.10");
    assertThat(limiter.retryAfter("203.0.113.10")).isEmpty();
  }
}
