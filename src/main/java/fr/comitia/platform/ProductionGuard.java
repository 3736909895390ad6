package fr.comitia.platform;

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
 * password, an external PostgreSQL database and an SMTP server. Runs before any bean exists, so
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
