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
      case "s2low" -> s2low(env);
      default -> throw new StartupRefusedException("Démarrage refusé : comitia.prefecture.gateway = « " + kind
          + " » inconnu (valeurs possibles : simulated, s2low).");
    };
  }

  /** S²LOW's ACTES API with the body's client certificate (PKCS#12), as {@code prod} requires. */
  private static PrefectureGateway s2low(Environment env) {
    String url = env.getProperty("comitia.prefecture.s2low.url");
    String keystore = env.getProperty("comitia.prefecture.s2low.keystore");
    String password = env.getProperty("comitia.prefecture.s2low.keystore-password");
    java.util.List<String> missing = new java.util.ArrayList<>();
    if (url == null || url.isBlank()) {
      missing.add("COMITIA_S2LOW_URL : l'adresse du tiers de télétransmission S²LOW (https://…)");
    }
    if (keystore == null || keystore.isBlank() || !java.nio.file.Files.isRegularFile(java.nio.file.Path.of(keystore))) {
      missing.add("COMITIA_S2LOW_KEYSTORE : le certificat client (.p12) du compte S²LOW"
          + (keystore == null || keystore.isBlank() ? "" : " (« " + keystore + " » introuvable)"));
    }
    if (password == null || password.isEmpty()) {
      missing.add("COMITIA_S2LOW_KEYSTORE_PASSWORD : le mot de passe du certificat client");
    }
    if (!missing.isEmpty()) {
      throw new StartupRefusedException("Démarrage refusé : la transmission à la préfecture par S²LOW "
          + "(comitia.prefecture.gateway = s2low) demande :\n  - " + String.join("\n  - ", missing));
    }
    String truststore = env.getProperty("comitia.prefecture.s2low.truststore");
    boolean trust = truststore != null && !truststore.isBlank();
    return S2lowGateway.withClientCertificate(url, java.nio.file.Path.of(keystore), password,
        trust ? java.nio.file.Path.of(truststore) : null,
        trust ? env.getProperty("comitia.prefecture.s2low.truststore-password", "") : null);
  }
}
