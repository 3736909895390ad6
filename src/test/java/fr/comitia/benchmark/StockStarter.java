package fr.comitia.benchmark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reference for start-up and memory: a stock Camunda 7 Spring Boot application (the starter
 * with its webapps, Cockpit, Tasklist and Admin, an administrator {@code demo}, nothing deployed) on
 * the same embedded PostgreSQL (zonky binaries, started here as Comitia starts its own). Started by
 * {@link StartupProbe} in a child JVM on the test class path; Comitia's own configuration files are
 * not read ({@code spring.config.location}), and the auto-configurations that only the test class
 * path brings (Flyway, Spring Security, Spring Session JDBC, springdoc) are switched off. Ready when
 * it logs {@link #READY}.
 */
@SpringBootApplication
public class StockStarter {

  static final String READY = "Camunda de base est prêt";

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(dir);
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
        .setLocaleConfig("locale", "C.UTF-8").setServerConfig("max_connections", "200")
        .setRegisterShutdownHook(false).start();
    SpringApplication app = new SpringApplication(StockStarter.class);
    // One shutdown hook: the application first, then its database (two hooks would race).
    app.setRegisterShutdownHook(false);
    ConfigurableApplicationContext context = app.run("--spring.config.location=optional:classpath:/no-such-stock-config.yml",
        "--server.port=0",
        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
        "--spring.datasource.username=postgres",
        "--spring.flyway.enabled=false",
        "--spring.autoconfigure.exclude="
            + "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.session.SessionAutoConfiguration",
        "--springdoc.api-docs.enabled=false",
        "--springdoc.swagger-ui.enabled=false",
        "--camunda.bpm.admin-user.id=demo",
        "--camunda.bpm.admin-user.password=demo",
        "--camunda.bpm.database.schema-update=true",
        "--camunda.bpm.auto-deployment-enabled=false",
        "--spring.main.banner-mode=off");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      context.close();
      try {
        postgres.close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, "stock-shutdown"));
    System.out.println(READY);
    System.out.flush();
  }
}
