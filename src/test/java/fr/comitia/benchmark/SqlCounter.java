package fr.comitia.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL statements executed by the server, counted by {@code pg_stat_statements}: the benchmark
 * starts Comitia's embedded PostgreSQL itself (same zonky binaries and settings as
 * {@code EmbeddedPostgresConfiguration}, plus {@code shared_preload_libraries = pg_stat_statements})
 * and gives Comitia its URL. Utility statements (BEGIN, COMMIT, SET…) are not counted
 * ({@code pg_stat_statements.track_utility = off}); statements of the whole server, all
 * connections.
 */
final class SqlCounter {

  /** One normalised statement and how many times it ran. */
  record Statement(String query, long calls) {}

  static EmbeddedPostgres start(Path dataDirectory) throws IOException {
    Files.createDirectories(dataDirectory);
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setLocaleConfig("locale", "C.UTF-8")
        .setServerConfig("max_connections", "200")
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .setServerConfig("pg_stat_statements.track_utility", "off")
        .setServerConfig("pg_stat_statements.max", "10000")
        .start();
  }

  private final JdbcTemplate jdbc;
  private final Map<String, Long> totals = new HashMap<>();
  private final Map<String, String> texts = new HashMap<>();

  SqlCounter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    jdbc.execute("create extension if not exists pg_stat_statements");
  }

  void reset() {
    jdbc.queryForList("select pg_stat_statements_reset()");
  }

  /** The statements since the last reset (the reset itself and this query left out). */
  List<Statement> since() {
    return jdbc.query("select query, calls from pg_stat_statements where query not like '%pg_stat_statements%'",
        (rs, n) -> new Statement(rs.getString(1), rs.getLong(2)));
  }

  /** Counts the statements since the last reset, adds them to the totals of {@code side}, and resets. */
  long collect(String side) {
    long sum = 0;
    for (Statement s : since()) {
      sum += s.calls();
      if (side != null) {
        totals.merge(side + "\u0000" + s.query(), s.calls(), Long::sum);
        texts.put(side + "\u0000" + s.query(), s.query());
      }
    }
    reset();
    return sum;
  }

  /**
   * The statements of {@code side} on Comitia's own tables (schema {@code comitia}: the register, the
   * mails, the journal), over its collections; the rest is the engine's.
   */
  long own(String side) {
    return totals.entrySet().stream().filter(e -> e.getKey().startsWith(side + "\u0000"))
        .filter(e -> texts.get(e.getKey()).contains("comitia.")).mapToLong(Map.Entry::getValue).sum();
  }

  /** Forgets the totals (after the warm-up). */
  void forget() {
    totals.clear();
    texts.clear();
  }

  /** The {@code limit} statements of {@code side} run the most times, over all its collections. */
  List<Statement> top(String side, int limit) {
    return totals.entrySet().stream().filter(e -> e.getKey().startsWith(side + "\u0000"))
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
        .map(e -> new Statement(texts.get(e.getKey()), e.getValue())).toList();
  }
}
