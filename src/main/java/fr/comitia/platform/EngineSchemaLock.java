package fr.comitia.platform;

import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.core.Ordered;

/**
 * Several nodes started at once on an empty database: only one creates Camunda's schema. The lock
 * is taken before any other plugin prepares the engine (first {@code preInit}) and released once
 * every plugin has run on the built engine (last {@code postProcessEngineBuild}: admin user,
 * history cleanup job, installation id), so the next node finds a complete schema and its data.
 */
final class EngineSchemaLock {

  private final DataSource dataSource;
  private AdvisoryLock held;

  EngineSchemaLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  synchronized void acquire() {
    if (held == null) {
      held = AdvisoryLock.acquire(dataSource, AdvisoryLock.ENGINE_SCHEMA, "création du schéma Camunda");
    }
  }

  /** Also the bean's destroy method: an engine that failed to build must not keep the lock. */
  synchronized void release() {
    if (held != null) {
      held.close();
      held = null;
    }
  }

  synchronized boolean isHeld() {
    return held != null;
  }

  /** Runs first: takes the lock before the engine touches its schema. */
  ProcessEnginePlugin taker() {
    return new Plugin(Ordered.HIGHEST_PRECEDENCE) {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        acquire();
      }
    };
  }

  /** Runs last: releases the lock once the engine and the other plugins are done. */
  ProcessEnginePlugin releaser() {
    return new Plugin(Ordered.LOWEST_PRECEDENCE) {
      @Override
      public void postProcessEngineBuild(ProcessEngine processEngine) {
        release();
      }
    };
  }

  private abstract static class Plugin extends AbstractProcessEnginePlugin implements Ordered {
    private final int order;

    Plugin(int order) {
      this.order = order;
    }

    @Override
    public int getOrder() {
      return order;
    }
  }
}
