package fr.comitia.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;

/** Job execution for the delivery tests, where some jobs are expected to fail (SMTP down). */
public final class Jobs {

  private Jobs() {}

  /** Runs every executable job once; a failing job is left to its retry cycle. Returns the failures. */
  public static int runAllowingFailures(ManagementService managementService) {
    int failures = 0;
    for (int round = 0; round < 10; round++) {
      List<Job> jobs = managementService.createJobQuery().executable().list();
      if (jobs.isEmpty()) {
        break;
      }
      for (Job job : jobs) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException e) {
          failures++;
        }
      }
    }
    return failures;
  }

  /** A local port nothing listens on: an SMTP server that is down. */
  public static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
