package fr.comitia.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CPU time consumed by the benchmark's JVM (Comitia, the engine, the SMTP server and the driving
 * threads: {@code getProcessCpuTime}) and by its embedded PostgreSQL (user + system time of the
 * postmaster found by {@code postmaster.pid} and of all its processes, including those that have
 * ended: {@code /proc/<pid>/stat}, in ticks of 1/100 s). Less sensitive than elapsed time to other
 * work on the machine.
 */
final class CpuMeter {

  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

  /** CPU used by the JVM, by PostgreSQL, and by the whole machine (busy time of all cores, /proc/stat). */
  record Reading(long jvmNanos, long postgresNanos, long machineNanos) {
    Reading minus(Reading earlier) {
      return new Reading(jvmNanos - earlier.jvmNanos, postgresNanos - earlier.postgresNanos,
          machineNanos - earlier.machineNanos);
    }

    long totalNanos() {
      return jvmNanos + postgresNanos;
    }

    /** Share of the machine's cores used by other processes (other builds, tests…) over {@code wallNanos}. */
    double othersShare(long wallNanos) {
      long capacity = wallNanos * Runtime.getRuntime().availableProcessors();
      return Math.max(0, machineNanos - totalNanos()) / (double) capacity;
    }
  }

  private final Path postgresData;

  CpuMeter(Path postgresData) {
    this.postgresData = postgresData;
  }

  Reading read() {
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
    return new Reading(jvm, postgresTicks() * NANOS_PER_TICK, machineBusyTicks() * NANOS_PER_TICK);
  }

  /** Busy ticks of all cores since boot: the first line of /proc/stat less idle and iowait. */
  static long machineBusyTicks() {
    try {
      String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = line.strip().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 7; i++) { // user nice system (idle iowait) irq softirq
        if (i != 4 && i != 5) {
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Ticks of the postmaster, its live descendants, and its ended children (cutime, cstime). */
  long postgresTicks() {
    Optional<Long> pid = postmaster(postgresData);
    if (pid.isEmpty()) {
      return 0;
    }
    long ticks = ticks(pid.get(), true);
    List<ProcessHandle> descendants = new ArrayList<>();
    ProcessHandle.of(pid.get()).ifPresent(h -> h.descendants().forEach(descendants::add));
    for (ProcessHandle d : descendants) {
      ticks += ticks(d.pid(), true);
    }
    return ticks;
  }

  static Optional<Long> postmaster(Path dataDirectory) {
    try {
      List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** utime + stime (+ cutime + cstime) of {@code /proc/<pid>/stat}. */
  static long ticks(long pid, boolean withEndedChildren) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After « pid (comm) »: f[0] = state (field 3), so field n is f[n - 3].
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      if (withEndedChildren) {
        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
      }
      return ticks;
    } catch (IOException | RuntimeException e) {
      return 0; // a process that ended meanwhile
    }
  }
}
