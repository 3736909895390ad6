package fr.comitia.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trial run's database: a real PostgreSQL server started from the binaries shipped in a Maven
 * artifact, its data kept in a directory that survives restarts. Any {@code spring.datasource.url}
 * switches it off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedPostgresConfiguration.EmbeddedPostgresProperties.class)
class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  @ConfigurationProperties("comitia.embedded.postgres")
  record EmbeddedPostgresProperties(Path dataDirectory, Integer port) {
    EmbeddedPostgresProperties {
      if (dataDirectory == null) {
        dataDirectory = Path.of("data", "postgres");
      }
    }
  }

  // No shutdown hook: Spring closes it, after the pool, so that test JVMs exit cleanly.
  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException {
    Path dir = properties.dataDirectory().toAbsolutePath();
    Files.createDirectories(dir);
    boolean existing = Files.exists(dir.resolve("PG_VERSION"));
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .setLocaleConfig("locale", "C.UTF-8")
            .setServerConfig("max_connections", "200");
    if (properties.port() != null && properties.port() > 0) {
      builder.setPort(properties.port());
    }
    EmbeddedPostgres postgres = builder.start();
    log.info(
        "Base PostgreSQL embarquée {} sur le port {}, données dans {}",
        existing ? "reprise" : "créée",
        postgres.getPort(),
        dir);
    return postgres;
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setMaximumPoolSize(20);
    dataSource.setPoolName("comitia-embedded");
    return dataSource;
  }
}
