package fr.comitia.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills Camunda's history with finished deliberations fast: the history rows (every {@code ACT_HI_*}
 * table that carries {@code ROOT_PROC_INST_ID_}) of finished process instances that really ran are
 * copied by SQL ({@code INSERT … SELECT}), each copy with fresh identifiers (a digest of the
 * original identifier and the copy's number, so that references between the copied rows hold) and
 * its own business key. The copies share the originals' byte arrays (large variable values) and
 * their dates.
 */
final class HistoryCloner {

  /** Columns holding identifiers of rows that belong to the copied process instance. */
  static final Set<String> INSTANCE_IDS = Set.of("id_", "proc_inst_id_", "root_proc_inst_id_", "process_instance_id_",
      "execution_id_", "act_inst_id_", "parent_act_inst_id_", "task_id_", "var_inst_id_",
      "super_process_instance_id_", "call_proc_inst_id_", "job_id_", "operation_id_", "cause_incident_id_",
      "root_cause_incident_id_", "dec_inst_id_", "root_dec_inst_id_", "activity_instance_id_",
      "parent_task_id_", "root_process_instance_id_");

  private final JdbcTemplate jdbc;

  HistoryCloner(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  record Table(String name, String columns, String expressions) {}

  List<Table> tables() {
    List<String> names = jdbc.queryForList("""
        select table_name from information_schema.columns
         where table_schema = current_schema() and table_name like 'act\\_hi\\_%' and column_name = 'root_proc_inst_id_'
         order by table_name""", String.class);
    List<Table> tables = new ArrayList<>();
    for (String name : names) {
      List<String> columns = jdbc.queryForList("""
          select column_name from information_schema.columns
           where table_schema = current_schema() and table_name = ? order by ordinal_position""", String.class, name);
      List<String> expressions = new ArrayList<>();
      for (String c : columns) {
        if (INSTANCE_IDS.contains(c)) {
          expressions.add("md5(t." + c + " || ':' || g)");
        } else if (c.equals("business_key_")) {
          expressions.add("t.business_key_ || '-h' || g");
        } else {
          expressions.add("t." + c);
        }
      }
      tables.add(new Table(name, String.join(", ", columns), String.join(", ", expressions)));
    }
    return tables;
  }

  /** Rows of history, all tables together. */
  long rows(List<Table> tables) {
    long total = 0;
    for (Table t : tables) {
      total += jdbc.queryForObject("select count(*) from " + t.name(), Long.class);
    }
    return total;
  }

  /**
   * Copies the history of the given root process instances {@code copies} times (copies numbered
   * from {@code firstCopy}), in batches of {@code batch} copies, calling {@code progress} after each.
   * The rows to copy are first set apart in staging tables, so that each batch reads them only.
   */
  void copy(List<Table> tables, List<String> rootInstanceIds, int firstCopy, int copies, int batch,
      IntConsumer progress) {
    if (rootInstanceIds.isEmpty() || copies <= 0) {
      return;
    }
    // Plain tables: the pool may give each statement another connection.
    jdbc.execute("drop table if exists bench_template");
    jdbc.execute("create unlogged table bench_template (id varchar(64) primary key)");
    jdbc.batchUpdate("insert into bench_template (id) values (?)", rootInstanceIds, 1000,
        (ps, id) -> ps.setString(1, id));
    try {
      for (Table t : tables) {
        jdbc.execute("drop table if exists bench_src_" + t.name());
        jdbc.execute("create unlogged table bench_src_" + t.name() + " as select t.* from " + t.name()
            + " t join bench_template b on b.id = t.root_proc_inst_id_");
      }
      for (int from = firstCopy; from < firstCopy + copies; from += batch) {
        int to = Math.min(firstCopy + copies - 1, from + batch - 1);
        for (Table t : tables) {
          jdbc.update("insert into " + t.name() + " (" + t.columns() + ") select " + t.expressions()
              + " from bench_src_" + t.name() + " t cross join generate_series(" + from + ", " + to + ") g");
        }
        progress.accept(to - firstCopy + 1);
      }
    } finally {
      for (Table t : tables) {
        jdbc.execute("drop table if exists bench_src_" + t.name());
      }
      jdbc.execute("drop table if exists bench_template");
    }
  }

  record Index(String name, String definition) {}

  /**
   * Drops the secondary indexes of the history tables (those that back no constraint) for the bulk
   * copy; {@link #createIndexes} builds them again, the same, afterwards (much faster than
   * maintaining them row by row).
   */
  List<Index> dropSecondaryIndexes(List<Table> tables) {
    List<Index> indexes = new ArrayList<>();
    for (Table t : tables) {
      indexes.addAll(jdbc.query("""
          select i.indexname, i.indexdef from pg_indexes i
           where i.schemaname = current_schema() and i.tablename = ?
             and not exists (select 1 from pg_constraint c where c.conname = i.indexname)""",
          (rs, n) -> new Index(rs.getString(1), rs.getString(2)), t.name()));
    }
    for (Index i : indexes) {
      jdbc.execute("drop index " + i.name());
    }
    return indexes;
  }

  void createIndexes(List<Index> indexes) {
    jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
      try (java.sql.Statement statement = connection.createStatement()) {
        statement.execute("set maintenance_work_mem = '256MB'");
        for (Index i : indexes) {
          statement.execute(i.definition());
        }
        statement.execute("reset maintenance_work_mem");
      }
      return null;
    });
  }
}
