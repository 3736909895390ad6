package fr.comitia.platform;

import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Serialises the start-up work of the nodes sharing one database (model deployment, register and
 * identity sync, Tasklist filters): one node at a time, each piece idempotent, so the second node
 * finds the first one's work done and changes nothing.
 */
@Component
public class StartupLock {

  private final DataSource dataSource;

  StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs {@code work} while no other node runs its own start-up work; {@code what} names it in the log. */
  public void exclusively(String what, Runnable work) {
    try (AdvisoryLock lock = AdvisoryLock.acquire(dataSource, AdvisoryLock.STARTUP, what)) {
      work.run();
    }
  }
}
