package fr.comitia.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Durations of repeated runs (warm-up runs are never added): median and 95th percentile. */
final class Timings {

  private final List<Long> nanos = new ArrayList<>();

  void add(long durationNanos) {
    nanos.add(durationNanos);
  }

  int count() {
    return nanos.size();
  }

  /** Nearest-rank percentile, in milliseconds. */
  double percentileMs(double p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
  }

  double medianMs() {
    return percentileMs(50);
  }

  double p95Ms() {
    return percentileMs(95);
  }

  /** « 12,3 / 15,1 » (median / p95, ms). */
  String medianAndP95() {
    return ms(medianMs()) + " / " + ms(p95Ms());
  }

  static String ms(double value) {
    if (value >= 100) {
      return String.format(Locale.FRENCH, "%.0f", value);
    }
    if (value >= 10) {
      return String.format(Locale.FRENCH, "%.1f", value);
    }
    return String.format(Locale.FRENCH, "%.2f", value);
  }
}
