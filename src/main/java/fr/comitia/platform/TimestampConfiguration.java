package fr.comitia.platform;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The time-stamping authority: the service of {@code comitia.timestamp.url} when set, else the local
 * authority SIMULATED where {@code comitia.timestamp.local} is on (the demo and the tests), else none
 * (nothing is time-stamped; the production profile refuses that while signatures are on).
 */
@Configuration(proxyBeanMethods = false)
class TimestampConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TimestampConfiguration.class);

  @Bean
  @Conditional(TimestampConfigured.class)
  TimestampAuthority timestampAuthority(TimestampProperties properties, Clock clock) {
    if (StringUtils.hasText(properties.url())) {
      log.info("Horodatage (RFC 3161) : {}", properties.url());
      return new Rfc3161TimestampClient(properties);
    }
    LocalTimestampAuthority local = new LocalTimestampAuthority(clock, properties.localKeystore(),
        properties.localPassword());
    log.warn("Horodatage par l'autorité locale SIMULÉE de Comitia (démonstration, sans valeur probante) ; "
        + "elle répond aussi en RFC 3161 à /horodatage.");
    return local;
  }

  static final class TimestampConfigured implements org.springframework.context.annotation.Condition {
    @Override
    public boolean matches(org.springframework.context.annotation.ConditionContext context,
        org.springframework.core.type.AnnotatedTypeMetadata metadata) {
      var env = context.getEnvironment();
      return StringUtils.hasText(env.getProperty("comitia.timestamp.url"))
          || env.getProperty("comitia.timestamp.local", Boolean.class, false);
    }
  }
}
