package fr.comitia.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on Comitia's own state (e.g. its {@code mail_delivery} rows) that another
 * thread brings about, checking it every 50 ms until a deadline. For the engine, tests control the
 * clock, execute jobs, or count down a latch from an engine event instead.
 */
public final class Eventually {

  private Eventually() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Still not true after " + timeout + ": " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
