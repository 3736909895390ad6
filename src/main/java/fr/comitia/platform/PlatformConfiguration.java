package fr.comitia.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

  @Bean
  Clock clock() {
    return new EngineClock(EngineClock.PARIS);
  }

  /** The engine REST API answers only to authenticated users (HTTP Basic, Camunda's identities). */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("comitia-engine-rest-authentication");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/engine-rest");
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(10);
    return registration;
  }

  /** Nodes started at once on an empty database: one creates Camunda's schema, the others wait. */
  @Bean(destroyMethod = "release")
  EngineSchemaLock engineSchemaLock(DataSource dataSource) {
    return new EngineSchemaLock(dataSource);
  }

  @Bean
  ProcessEnginePlugin engineSchemaLockTaker(EngineSchemaLock lock) {
    return lock.taker();
  }

  @Bean
  ProcessEnginePlugin engineSchemaLockReleaser(EngineSchemaLock lock) {
    return lock.releaser();
  }

  /**
   * Several nodes: {@code comitia.node-name}, when set, names this node's job executor, so that the
   * lock owner of a job (Cockpit, {@code ACT_RU_JOB.LOCK_OWNER_}) tells which node runs it; otherwise
   * Camunda's random id. Each node needs its own name.
   */
  @Bean
  ProcessEnginePlugin jobExecutorNodeName(@Value("${comitia.node-name:}") String nodeName) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!nodeName.isBlank() && configuration.getJobExecutor() != null) {
          configuration.getJobExecutor().setLockOwner(nodeName.strip());
        }
      }
    };
  }

  @EventListener
  @Order(5)
  void deployModels(ApplicationStartedEvent event) {
    ModelDeployer deployer = event.getApplicationContext().getBean(ModelDeployer.class);
    event.getApplicationContext().getBean(StartupLock.class).exclusively("déploiement des modèles", () -> {
      try {
        deployer.deploy();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
