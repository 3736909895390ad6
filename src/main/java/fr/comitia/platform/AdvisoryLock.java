package fr.comitia.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock held on a dedicated connection: the nodes sharing one
 * database take it in turn. It is released by {@link #close()}, or by PostgreSQL itself when the
 * holder's connection goes (a node killed while holding it blocks nobody).
 */
final class AdvisoryLock implements AutoCloseable {

  /** Camunda's schema creation or update, and the engine's own start-up writes. */
  static final long ENGINE_SCHEMA = 0x436f6d6974690001L;
  /** Comitia's start-up work: models, register and identities, Tasklist filters. */
  static final long STARTUP = 0x436f6d6974690002L;

  private static final Logger log = LoggerFactory.getLogger(AdvisoryLock.class);

  private final Connection connection;
  private final long key;
  private final String what;

  private AdvisoryLock(Connection connection, long key, String what) {
    this.connection = connection;
    this.key = key;
    this.what = what;
  }

  /** Waits for the lock as long as another node holds it. */
  static AdvisoryLock acquire(DataSource dataSource, long key, String what) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(true);
      if (!call(connection, "select pg_try_advisory_lock(?)", key)) {
        log.info("Un autre nœud fait « {} » sur cette base : attente de son verrou", what);
        long start = System.nanoTime();
        call(connection, "select pg_advisory_lock(?) is null", key);
        log.info("Verrou « {} » obtenu après {} ms", what, (System.nanoTime() - start) / 1_000_000);
      }
      return new AdvisoryLock(connection, key, what);
    } catch (SQLException e) {
      discard(connection);
      throw new IllegalStateException("Cannot take the advisory lock for " + what, e);
    }
  }

  @Override
  public void close() {
    try {
      if (!call(connection, "select pg_advisory_unlock(?)", key)) {
        log.warn("Advisory lock for {} was not held at release", what);
      }
      connection.close();
    } catch (SQLException e) {
      // The connection may go back to a pool: never leave it holding the lock.
      discard(connection);
      log.warn("Advisory lock for {}: release failed, connection discarded", what, e);
    }
  }

  private static boolean call(Connection connection, String sql, long key) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, key);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getBoolean(1);
      }
    }
  }

  private static void discard(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.abort(Runnable::run);
    } catch (SQLException | RuntimeException ignored) {
      // Nothing more to do: PostgreSQL drops the lock with the connection.
    }
  }
}
