package fr.comitia.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address: after {@code maxFailures} failures within
 * {@code window}, that address may not try again before {@code window} has passed. Camunda's own
 * throttling delays each account (at most a minute); this stops one address from trying password
 * after password, on every account, without locking anyone out. Kept in memory, per node; the
 * table is bounded.
 */
class FailedLoginLimiter {

  static final int MAX_ADDRESSES = 10_000;

  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final Map<String, Window> addresses = new ConcurrentHashMap<>();

  private record Window(Instant start, int failures, Instant blockedUntil) {}

  FailedLoginLimiter(Clock clock, int maxFailures, Duration window) {
    this.clock = clock;
    this.maxFailures = maxFailures;
    this.window = window;
  }

  /** How long this address must wait before its next login attempt; empty when it may try now. */
  Optional<Duration> retryAfter(String address) {
    Window w = addresses.get(address);
    Instant now = clock.instant();
    if (w == null || w.blockedUntil() == null || !w.blockedUntil().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, w.blockedUntil()));
  }

  /** Records a failed login from this address. */
  void recordFailure(String address) {
    Instant now = clock.instant();
    if (addresses.size() >= MAX_ADDRESSES) {
      prune(now);
    }
    addresses.compute(address, (key, w) -> {
      if (w != null && w.blockedUntil() != null && w.blockedUntil().isAfter(now)) {
        return w;
      }
      if (w == null || !now.isBefore(w.start().plus(window))) {
        w = new Window(now, 0, null);
      }
      int failures = w.failures() + 1;
      return failures >= maxFailures ? new Window(now, 0, now.plus(window)) : new Window(w.start(), failures, null);
    });
  }

  /** How many addresses the table holds (bounded by {@link #MAX_ADDRESSES}). */
  int addresses() {
    return addresses.size();
  }

  private void prune(Instant now) {
    addresses.values().removeIf(w -> !now.isBefore(w.start().plus(window))
        && (w.blockedUntil() == null || !w.blockedUntil().isAfter(now)));
    if (addresses.size() >= MAX_ADDRESSES) {
      addresses.clear();
    }
  }
}
