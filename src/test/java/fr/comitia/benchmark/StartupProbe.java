package fr.comitia.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the default run as its own process ({@code java -jar comitia.jar}, demo profile, embedded
 * PostgreSQL and SMTP, job executor on, JVM default options) and measures the time from the launch
 * of the process to the log line « Comitia est prêt », then the resident memory of the JVM
 * ({@code VmRSS}) and of the PostgreSQL processes it started (postmaster named by
 * {@code postmaster.pid} and its children: sum of their {@code Pss}, which
 * shares PostgreSQL's shared memory fairly among them), then stops it (SIGTERM).
 */
final class StartupProbe {

  static final String READY = "Comitia est prêt";
  private static final Pattern STARTED = Pattern.compile("Started \\w+ in ([0-9.]+) seconds");

  record Sample(Duration toReady, String springReported, long jvmRssKb, long jvmPeakKb, long jvmPssKb,
      long postgresPssKb, int postgresProcesses, double cpuSeconds, double othersShare) {
    long totalPssKb() {
      return jvmPssKb + postgresPssKb;
    }
  }

  private final Path jar;
  private final Path workDir;
  private final Path logDir;

  StartupProbe(Path jar, Path workDir, Path logDir) {
    this.jar = jar;
    this.workDir = workDir;
    this.logDir = logDir;
  }

  Sample start(String label, List<String> arguments, Path postgresData, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", jar.toString()));
    command.addAll(arguments);
    return start(label, command, READY, postgresData, timeout);
  }

  static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** Any command (the stock starter's too), ready when its output has a line containing {@code readyLine}. */
  Sample start(String label, List<String> command, String readyLine, Path postgresData, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve("startup-" + label + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    CompletableFuture<Long> ready = new CompletableFuture<>();
    String[] started = new String[1];
    long machineBefore = CpuMeter.machineBusyTicks();
    long launched = System.nanoTime();
    Process process = builder.start();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!ready.isDone() && line.contains(readyLine)) {
            ready.complete(System.nanoTime());
          }
          Matcher m = STARTED.matcher(line);
          if (m.find()) {
            started[0] = m.group(1) + " s";
          }
          out.println(line);
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IllegalStateException(label + " stopped before being ready; see " + log));
    }, "startup-log-" + label);
    reader.setDaemon(true);
    reader.start();
    try {
      long at = ready.get(timeout.toSeconds(), TimeUnit.SECONDS);
      Duration toReady = Duration.ofNanos(at - launched);
      long pid = process.pid();
      // CPU to get ready: the JVM (with initdb and pg_ctl, its ended children) and the PostgreSQL server.
      long ticks = CpuMeter.ticks(pid, true) + new CpuMeter(postgresData).postgresTicks();
      long machine = CpuMeter.machineBusyTicks() - machineBefore;
      double cpuSeconds = ticks / 100.0;
      double others = Math.max(0, machine - ticks) / 100.0
          / (toReady.toNanos() / 1e9 * Runtime.getRuntime().availableProcessors());
      long rss = status(pid, "VmRSS");
      long peak = status(pid, "VmHWM");
      long jvmPss = pss(pid);
      long pgPss = 0;
      int pg = 0;
      // zonky starts PostgreSQL with pg_ctl: the postmaster is not a child of the JVM; postmaster.pid names it.
      Long postmaster = CpuMeter.postmaster(postgresData).orElse(null);
      if (postmaster != null) {
        pgPss += pss(postmaster);
        pg++;
        for (ProcessHandle h : ProcessHandle.of(postmaster).map(p -> p.descendants().toList()).orElse(List.of())) {
          pgPss += pss(h.pid());
          pg++;
        }
      }
      return new Sample(toReady, started[0], rss, peak, jvmPss, pgPss, pg, cpuSeconds, others);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(label + " not ready; see " + log, e);
    } finally {
      stop(process, postgresData);
    }
  }

  private static void stop(Process process, Path postgresData) throws InterruptedException {
    List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
    CpuMeter.postmaster(postgresData).flatMap(ProcessHandle::of).ifPresent(children::add);
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    // The embedded PostgreSQL is stopped by Comitia on shutdown; if not, stop what this probe started.
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.onExit().completeOnTimeout(child, 20, TimeUnit.SECONDS).join();
        if (child.isAlive()) {
          child.destroy();
        }
      }
    }
  }

  /** A {@code kB} field of {@code /proc/<pid>/status}. */
  static long status(long pid, String field) {
    return field(Path.of("/proc", String.valueOf(pid), "status"), field);
  }

  static long pss(long pid) {
    return field(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), "Pss");
  }

  private static long field(Path file, String field) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
