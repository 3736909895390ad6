package fr.comitia.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Tasklist does not call {@code /engine-rest}: it completes tasks and starts processes through the
 * webapps' own engine API ({@code /camunda/api/engine/…}), a Jersey application of its own. This
 * registers {@link EngineRestRefusals.RefusalMapper} in every Jersey application (listed in
 * {@code META-INF/services/org.glassfish.jersey.internal.spi.AutoDiscoverable}), so that a
 * completion refused by a rule answers there too HTTP 400 with the French message alone, which
 * Tasklist and the forms show.
 */
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public class WebappRefusals implements AutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (!context.getConfiguration().isRegistered(EngineRestRefusals.RefusalMapper.class)) {
      context.register(EngineRestRefusals.RefusalMapper.class);
    }
    if (!context.getConfiguration().isRegistered(EngineRestRefusals.EngineRefusalMapper.class)) {
      context.register(EngineRestRefusals.EngineRefusalMapper.class);
    }
    if (!context.getConfiguration().isRegistered(EngineRestRefusals.RuleViolationMapper.class)) {
      context.register(EngineRestRefusals.RuleViolationMapper.class);
    }
  }
}
