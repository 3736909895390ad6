package fr.comitia.register;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads of the register for many deliberations at once: one query with {@code deliberation_id in
 * (:ids)}, its rows grouped by that column (the read model lists the register without a query per act).
 */
final class Batch {

  private Batch() {}

  /** The rows of each id, in the query's order; an id without rows is absent. */
  static <T> Map<String, List<T>> grouped(Collection<String> ids, JdbcClient.StatementSpec statement,
      RowMapper<T> mapper) {
    return grouped(ids, statement, "deliberation_id", mapper);
  }

  /** The same, grouped by column {@code key} (e.g. {@code session_id}). */
  static <T> Map<String, List<T>> grouped(Collection<String> ids, JdbcClient.StatementSpec statement, String key,
      RowMapper<T> mapper) {
    Map<String, List<T>> grouped = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return grouped;
    }
    statement.query((rs, n) -> Map.entry(rs.getString(key), mapper.mapRow(rs, n))).list()
        .forEach(e -> grouped.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
    return grouped;
  }

  /** The one row of each id that has one. */
  static <T> Map<String, T> single(Collection<String> ids, JdbcClient.StatementSpec statement, RowMapper<T> mapper) {
    return single(ids, statement, "deliberation_id", mapper);
  }

  static <T> Map<String, T> single(Collection<String> ids, JdbcClient.StatementSpec statement, String key,
      RowMapper<T> mapper) {
    Map<String, T> rows = new LinkedHashMap<>();
    grouped(ids, statement, key, mapper).forEach((id, list) -> rows.put(id, list.get(0)));
    return rows;
  }
}
