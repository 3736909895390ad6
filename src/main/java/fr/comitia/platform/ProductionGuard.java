package fr.comitia.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Refuses to start the {@code prod} profile without what production needs: the administrator's
 * password, an external PostgreSQL database, an SMTP server and the president's signing
 * certificate (PKCS#12 keystore and its password). Runs before any bean exists, so
 * nothing is created with a missing setting.
 */
public class ProductionGuard implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!env.acceptsProfiles(Profiles.of("prod"))) {
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!StringUtils.hasText(env.getProperty("camunda.bpm.admin-user.password"))) {
      missing.add("COMITIA_ADMIN_PASSWORD : le mot de passe de l'administrateur Camunda");
    }
    if (!StringUtils.hasText(env.getProperty("spring.datasource.url"))) {
      missing.add("COMITIA_DB_URL : l'adresse JDBC de la base PostgreSQL (jdbc:postgresql://hôte:5432/base)");
    }
    if (!StringUtils.hasText(env.getProperty("spring.mail.host"))) {
      missing.add("COMITIA_SMTP_HOST : le serveur SMTP d'envoi des courriels");
    }
    String keystore = env.getProperty("comitia.signature.keystore");
    if (!StringUtils.hasText(keystore)) {
      missing.add("COMITIA_SIGNATURE_KEYSTORE : le magasin PKCS#12 (.p12) du certificat du président qui signe "
          + "les extraits");
    } else if (!Files.isRegularFile(Path.of(keystore))) {
      missing.add("COMITIA_SIGNATURE_KEYSTORE : le magasin PKCS#12 « " + keystore + " » est introuvable");
    }
    if (!StringUtils.hasText(env.getProperty("comitia.signature.password"))) {
      missing.add("COMITIA_SIGNATURE_PASSWORD : le mot de passe du magasin PKCS#12 du certificat de signature");
    }
    if (!missing.isEmpty()) {
      throw new StartupRefusedException(
          "Démarrage refusé (profil prod) : paramètre(s) manquant(s) :\n  - "
              + String.join("\n  - ", missing)
              + "\nDéfinissez ces variables d'environnement (voir README, « Production »).");
    }
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 10;
  }
}
