package fr.comitia.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Job;

/**
 * A few worker threads that play the clients and the job executor: independent work items run in
 * parallel; jobs of one process instance run one after the other on one thread, as Camunda's job
 * executor runs exclusive jobs (the default).
 */
final class Parallel implements AutoCloseable {

  private final ExecutorService pool;
  final int threads;

  Parallel(int threads) {
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-worker");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code action} on every item, in parallel; rethrows the first failure. */
  <T> void each(Collection<T> items, Consumer<T> action) {
    List<Callable<Void>> calls = new ArrayList<>();
    for (T item : items) {
      calls.add(() -> {
        action.accept(item);
        return null;
      });
    }
    invoke(calls);
  }

  private void invoke(List<Callable<Void>> calls) {
    try {
      List<Future<Void>> futures = pool.invokeAll(calls);
      for (Future<Void> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Executes every job due by the engine's clock, and those they create, until none is left; jobs
   * grouped by process instance, groups in parallel. Any job failure stops the benchmark.
   *
   * @return how many jobs were executed
   */
  int runJobs(ManagementService management) {
    int executed = 0;
    for (int round = 0; round < 100; round++) {
      // As Comitia's demo driver (EngineDriver.runDueJobs): continuations first, then timers.
      List<Job> jobs = management.createJobQuery().executable().messages().list();
      if (jobs.isEmpty()) {
        jobs = management.createJobQuery().executable().timers().list();
      }
      if (jobs.isEmpty()) {
        return executed;
      }
      Map<String, List<Job>> byInstance = new LinkedHashMap<>();
      for (Job job : jobs) {
        String key = job.getProcessInstanceId() == null ? job.getId() : job.getProcessInstanceId();
        byInstance.computeIfAbsent(key, k -> new ArrayList<>()).add(job);
      }
      java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
      each(byInstance.values(), group -> group.forEach(job -> {
        try {
          retrying(() -> {
            management.executeJob(job.getId());
            return null;
          });
          ran.incrementAndGet();
        } catch (org.camunda.bpm.engine.ProcessEngineException e) {
          // A job of another instance, run meanwhile in parallel, removed this one (as a job executor finds it gone).
          if (e.getMessage() == null || !e.getMessage().contains("ENGINE-14026")) {
            throw e;
          }
        }
      }));
      executed += ran.get();
    }
    throw new IllegalStateException("Jobs keep coming after 100 rounds");
  }

  /** Retries what an optimistic lock refused (two transactions on the same execution), as clients and the job executor do. */
  static <T> T retrying(Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (OptimisticLockingException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
