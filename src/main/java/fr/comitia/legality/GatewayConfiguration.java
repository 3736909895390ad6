package fr.comitia.legality;

import fr.comitia.platform.StartupRefusedException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Chooses the prefecture gateway: {@code comitia.prefecture.gateway} = {@code simulated} (default) or {@code s2low}. */
@Configuration
class GatewayConfiguration {

  @Bean
  PrefectureGateway prefectureGateway(Environment env, Clock clock) {
    String kind = env.getProperty("comitia.prefecture.gateway", SimulatedPrefectureGateway.NAME);
    return switch (kind) {
      case SimulatedPrefectureGateway.NAME -> new SimulatedPrefectureGateway(clock,
          Duration.parse(env.getProperty("comitia.prefecture.simulated.acknowledgement-delay", "PT2M")));
      default -> throw new StartupRefusedException("Démarrage refusé : comitia.prefecture.gateway = « " + kind
          + " » inconnu (valeurs possibles : simulated, s2low).");
    };
  }
}
