package fr.comitia.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * Refuses to start the {@code prod} profile without what production needs: the administrator's
 * password, an external PostgreSQL database, an SMTP server, the president's signing
 * certificate (PKCS#12 keystore and its password) and the public address used in every link of a
 * mail ({@code COMITIA_PUBLIC_URL}), whose host also names the sender and the Message-IDs unless
 * {@code COMITIA_MAIL_FROM} and {@code COMITIA_MAIL_DOMAIN} say otherwise. Runs before any bean exists, so
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
    String members = env.getProperty("comitia.signature.members-keystore");
    if (!StringUtils.hasText(members)) {
      missing.add("COMITIA_SIGNATURE_MEMBERS_KEYSTORE : le magasin PKCS#12 (.p12) des certificats des secrétaires de "
          + "séance qui contresignent les procès-verbaux (une clé par élu, son alias étant l'identifiant de l'élu)");
    } else if (!Files.isRegularFile(Path.of(members))) {
      missing.add("COMITIA_SIGNATURE_MEMBERS_KEYSTORE : le magasin PKCS#12 « " + members + " » est introuvable");
    }
    if (!StringUtils.hasText(env.getProperty("comitia.signature.password"))) {
      missing.add("COMITIA_SIGNATURE_PASSWORD : le mot de passe du magasin PKCS#12 du certificat de signature");
    }
    // The extracts and the minutes are signed: their signatures and the evidence journal need real timestamps.
    String timestampUrl = env.getProperty("comitia.timestamp.url");
    if (!StringUtils.hasText(timestampUrl)) {
      missing.add("COMITIA_TIMESTAMP_URL : l'adresse (https://…) du service d'horodatage RFC 3161 qui horodate les "
          + "signatures et le journal des preuves");
    } else if (publicHost(timestampUrl) == null) {
      missing.add("COMITIA_TIMESTAMP_URL : « " + timestampUrl + " » n'est pas une adresse http(s) absolue");
    }
    if (env.getProperty("comitia.timestamp.local", Boolean.class, false)) {
      missing.add("COMITIA_TIMESTAMP_LOCAL : doit valoir false (l'autorité d'horodatage locale est SIMULÉE, sans "
          + "valeur probante : elle est réservée à la démonstration)");
    }
    if (!"s2low".equals(env.getProperty("comitia.prefecture.gateway"))) {
      missing.add("COMITIA_PREFECTURE_GATEWAY : « s2low » (la préfecture simulée n'a pas de valeur légale : "
          + "elle est réservée à la démonstration)");
    } else {
      if (!StringUtils.hasText(env.getProperty("comitia.prefecture.s2low.url"))) {
        missing.add("COMITIA_S2LOW_URL : l'adresse du tiers de télétransmission S²LOW (https://…)");
      }
      String s2lowKeystore = env.getProperty("comitia.prefecture.s2low.keystore");
      if (!StringUtils.hasText(s2lowKeystore)) {
        missing.add("COMITIA_S2LOW_KEYSTORE : le certificat client (.p12) du compte S²LOW de la collectivité");
      } else if (!Files.isRegularFile(Path.of(s2lowKeystore))) {
        missing.add("COMITIA_S2LOW_KEYSTORE : le certificat client « " + s2lowKeystore + " » est introuvable");
      }
      if (!StringUtils.hasText(env.getProperty("comitia.prefecture.s2low.keystore-password"))) {
        missing.add("COMITIA_S2LOW_KEYSTORE_PASSWORD : le mot de passe du certificat client S²LOW");
      }
    }
    String publicUrl = env.getProperty("comitia.public-url");
    String host = publicHost(publicUrl);
    if (!StringUtils.hasText(publicUrl)) {
      missing.add("COMITIA_PUBLIC_URL : l'adresse publique de Comitia (https://…), celle de chaque lien des courriels");
    } else if (host == null) {
      missing.add("COMITIA_PUBLIC_URL : « " + publicUrl + " » n'est pas une adresse http(s) absolue "
          + "(par exemple https://deliberations.example.fr)");
    }
    if (!missing.isEmpty()) {
      throw new StartupRefusedException(
          "Démarrage refusé (profil prod) : paramètre(s) manquant(s) :\n  - "
              + String.join("\n  - ", missing)
              + "\nDéfinissez ces variables d'environnement (voir README, « Production »).");
    }
    // The sender and the Message-ID domain default to the public address's host, never to an example domain.
    Map<String, Object> derived = new HashMap<>();
    if (!StringUtils.hasText(env.getProperty("comitia.mail.message-id-domain"))) {
      derived.put("comitia.mail.message-id-domain", host);
    }
    if (!StringUtils.hasText(env.getProperty("comitia.mail.from"))) {
      derived.put("comitia.mail.from", "Comitia <ne-pas-repondre@" + host + ">");
    }
    if (!derived.isEmpty()) {
      env.getPropertySources().addLast(new MapPropertySource("comitia-prod-derived", derived));
    }
  }

  /** The host of an absolute http(s) address, or null. */
  static String publicHost(String url) {
    if (!StringUtils.hasText(url)) {
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
      return web && StringUtils.hasText(uri.getHost()) ? uri.getHost() : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 10;
  }
}
