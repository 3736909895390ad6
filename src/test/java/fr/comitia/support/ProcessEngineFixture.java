package fr.comitia.support;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.spring.boot.starter.spin.CamundaJacksonFormatConfiguratorJSR310;
import org.camunda.bpm.spring.boot.starter.spin.CamundaJacksonFormatConfiguratorJdk8;
import org.camunda.bpm.spring.boot.starter.spin.CamundaJacksonFormatConfiguratorParameterNames;
import org.camunda.bpm.spring.boot.starter.spin.SpringBootSpinProcessEnginePlugin;

/**
 * A bare Camunda engine for the process tests ({@code *ProcessTest}): no Spring, the models of
 * {@code bpmn/} deployed by the tests, every bean of the models' expressions ({@code ${…Delegate}},
 * {@code ${…Listener}}, {@code ${sessionAgenda…}}, {@code ${notificationSettings…}}) a stub the test
 * registers by name in {@link #beans()}, no job executor (the tests execute the jobs), full history
 * (for {@code hasPassed}).
 *
 * <p>The database is the project's: real PostgreSQL. One embedded server (zonky) per JVM, shared by
 * every process test class of the JVM; each test class gets a fresh database with Camunda's schema,
 * dropped by {@link #close()}.
 */
public final class ProcessEngineFixture implements AutoCloseable {

  private static final List<String> SCHEMA_SCRIPTS = List.of(
      "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private final String database;
  private final HikariDataSource dataSource;
  private final Map<Object, Object> beans = new HashMap<>();
  private final ProcessEngine engine;

  private ProcessEngineFixture(String name) {
    EmbeddedPostgres server = server();
    this.database = (name + "_" + COUNTER.incrementAndGet()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    admin(server, "create database " + database);
    createSchema(server, database);
    this.dataSource = dataSource(server, database);
    this.engine = configuration(name, dataSource, ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE, beans)
        .buildProcessEngine();
  }

  /** A new engine on a fresh database, named after the test class. */
  public static ProcessEngineFixture start(Class<?> testClass) {
    return new ProcessEngineFixture(testClass.getSimpleName());
  }

  public ProcessEngine engine() {
    return engine;
  }

  /**
   * The engine's expression beans: what {@code ${name}} resolves to. The engine reads this map on
   * every evaluation, so a test may put fresh stubs in it before each test.
   */
  public Map<Object, Object> beans() {
    return beans;
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      dataSource.close();
      admin(server(), "drop database if exists " + database + " with (force)");
    }
  }

  private static synchronized EmbeddedPostgres server() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder()
            .setLocaleConfig("locale", "C.UTF-8")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("Embedded PostgreSQL for the process tests did not start", e);
      }
    }
    return postgres;
  }

  /**
   * The Camunda schema of a test class's database: the engine's own PostgreSQL creation scripts, in
   * the order the engine runs them (faster than letting an engine create it).
   */
  private static void createSchema(EmbeddedPostgres server, String database) {
    try (Connection c = DriverManager.getConnection(server.getJdbcUrl("postgres", database), "postgres", "");
        Statement s = c.createStatement()) {
      for (String part : SCHEMA_SCRIPTS) {
        String resource = "org/camunda/bpm/engine/db/create/activiti.postgres.create." + part + ".sql";
        try (InputStream in = ProcessEngine.class.getClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("Camunda's script " + resource + " is not on the classpath");
          }
          s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Camunda schema of the process tests' database " + database, e);
    }
  }

  private static StandaloneProcessEngineConfiguration configuration(String name, HikariDataSource dataSource,
      String schemaUpdate, Map<Object, Object> beans) {
    StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName(name);
    configuration.setDataSource(dataSource);
    configuration.setDatabaseType("postgres");
    configuration.setDatabaseSchemaUpdate(schemaUpdate);
    configuration.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_FULL);
    configuration.setJobExecutorActivate(false);
    configuration.setDbMetricsReporterActivate(false);
    configuration.setMetricsEnabled(false);
    configuration.setTaskMetricsEnabled(false);
    configuration.setBeans(beans);
    // As config/application.yml: objects as JSON, never Java serialization, a history TTL on every model.
    configuration.setDefaultSerializationFormat("application/json");
    configuration.setJavaSerializationFormatEnabled(false);
    configuration.setEnforceHistoryTimeToLive(true);
    // Json variables (agenda, attendance) and objects as JSON, with the Jackson modules Camunda's
    // Spring Boot starter registers in the application (java.time: the DMN's date(sessionDay) input is
    // kept in the history as a LocalDate).
    List<ProcessEnginePlugin> plugins = new ArrayList<>();
    plugins.add(new SpringBootSpinProcessEnginePlugin() {
      {
        dataFormatConfiguratorJsr310 = Optional.of(new CamundaJacksonFormatConfiguratorJSR310());
        dataFormatConfiguratorJdk8 = Optional.of(new CamundaJacksonFormatConfiguratorJdk8());
        dataFormatConfiguratorParameterNames = Optional.of(new CamundaJacksonFormatConfiguratorParameterNames());
      }
    });
    configuration.setProcessEnginePlugins(plugins);
    return configuration;
  }

  private static HikariDataSource dataSource(EmbeddedPostgres server, String database) {
    HikariDataSource ds = new HikariDataSource();
    ds.setJdbcUrl(server.getJdbcUrl("postgres", database));
    ds.setUsername("postgres");
    ds.setMaximumPoolSize(4);
    ds.setPoolName("process-tests-" + database);
    return ds;
  }

  /** A statement on database {@code postgres}. */
  private static void admin(EmbeddedPostgres server, String sql) {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL: " + sql, e);
    }
  }
}
