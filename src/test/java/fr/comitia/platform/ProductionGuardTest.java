package fr.comitia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.ComitiaApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The prod profile refuses to start before anything is created when a setting is missing. */
class ProductionGuardTest {

  @TempDir Path tmp;

  /** A keystore file given by COMITIA_SIGNATURE_KEYSTORE (the guard checks that it exists). */
  private String keystore() throws IOException {
    Path file = tmp.resolve("president.p12");
    if (!Files.exists(file)) {
      Files.write(file, new byte[] {0x30});
    }
    return file.toString();
  }

  /** An (empty) PKCS#12 client certificate store for S²LOW, password « s2low-from-env ». */
  private String s2lowKeystore() throws Exception {
    Path file = tmp.resolve("s2low.p12");
    java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (var out = Files.newOutputStream(file)) {
      store.store(out, "s2low-from-env".toCharArray());
    }
    return file.toString();
  }

  private static SpringApplicationBuilder prod() {
    return new SpringApplicationBuilder(ComitiaApplication.class).web(WebApplicationType.NONE).profiles("prod");
  }

  @Test
  void refusesToStartWithoutTheAdminPassword() throws IOException {
    String keystore = keystore();
    assertThatThrownBy(() -> prod().run(
            "--camunda.bpm.admin-user.password=",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/comitia",
            "--spring.mail.host=127.0.0.1",
            "--comitia.signature.keystore=" + keystore, "--comitia.signature.members-keystore=" + keystore,
            "--comitia.signature.password=p12-from-env"))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageStartingWith("Démarrage refusé (profil prod)")
        .hasMessageContaining("COMITIA_ADMIN_PASSWORD : le mot de passe de l'administrateur Camunda")
        .hasMessageNotContaining("COMITIA_DB_URL")
        .hasMessageNotContaining("COMITIA_SIGNATURE");
  }

  @Test
  void refusesToStartWithoutThePresidentsSigningCertificate() {
    assertThatThrownBy(() -> prod().run(
            "--camunda.bpm.admin-user.password=s3cret-from-env",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/comitia",
            "--spring.mail.host=127.0.0.1",
            "--comitia.signature.keystore=",
            "--comitia.signature.password="))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageStartingWith("Démarrage refusé (profil prod)")
        .hasMessageContaining("COMITIA_SIGNATURE_KEYSTORE : le magasin PKCS#12 (.p12) du certificat du président")
        .hasMessageContaining("COMITIA_SIGNATURE_PASSWORD : le mot de passe du magasin PKCS#12")
        .hasMessageContaining("COMITIA_SIGNATURE_MEMBERS_KEYSTORE : le magasin PKCS#12 (.p12) des certificats des "
            + "secrétaires de séance")
        .hasMessageNotContaining("COMITIA_ADMIN_PASSWORD");
  }

  @Test
  void refusesToStartWithAKeystoreThatDoesNotExist() {
    String missing = tmp.resolve("absent.p12").toString();
    assertThatThrownBy(() -> prod().run(
            "--camunda.bpm.admin-user.password=s3cret-from-env",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/comitia",
            "--spring.mail.host=127.0.0.1",
            "--comitia.signature.keystore=" + missing,
            "--comitia.signature.password=p12-from-env"))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("COMITIA_SIGNATURE_KEYSTORE : le magasin PKCS#12 « " + missing + " » est introuvable")
        .hasMessageNotContaining("COMITIA_SIGNATURE_PASSWORD");
  }

  @Test
  void refusesToStartWithoutTheDatabaseAndNamesEverythingMissing() {
    assertThatThrownBy(() -> prod().run("--camunda.bpm.admin-user.password=", "--spring.datasource.url=",
            "--spring.mail.host="))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("COMITIA_ADMIN_PASSWORD")
        .hasMessageContaining("COMITIA_DB_URL : l'adresse JDBC de la base PostgreSQL")
        .hasMessageContaining("COMITIA_SMTP_HOST")
        .hasMessageContaining("COMITIA_SIGNATURE_KEYSTORE")
        .hasMessageContaining("COMITIA_SIGNATURE_PASSWORD")
        .hasMessageContaining("COMITIA_PUBLIC_URL : l'adresse publique de Comitia")
        .hasMessageContaining("COMITIA_S2LOW_URL : l'adresse du tiers de télétransmission S²LOW")
        .hasMessageContaining("COMITIA_S2LOW_KEYSTORE : le certificat client (.p12)")
        .hasMessageContaining("COMITIA_S2LOW_KEYSTORE_PASSWORD");
  }

  @Test
  void refusesToStartWithoutATimeStampingAuthorityOrWithTheSimulatedOne() throws IOException {
    String keystore = keystore();
    assertThatThrownBy(() -> prod().run(
            "--camunda.bpm.admin-user.password=s3cret-from-env",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/comitia",
            "--spring.mail.host=127.0.0.1",
            "--comitia.signature.keystore=" + keystore, "--comitia.signature.members-keystore=" + keystore,
            "--comitia.signature.password=p12-from-env",
            "--comitia.timestamp.url="))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("COMITIA_TIMESTAMP_URL : l'adresse (https://…) du service d'horodatage RFC 3161")
        .hasMessageNotContaining("COMITIA_TIMESTAMP_LOCAL");
    assertThatThrownBy(() -> prod().run(
            "--camunda.bpm.admin-user.password=s3cret-from-env",
            "--comitia.timestamp.url=horodatage.example.org", "--comitia.timestamp.local=true"))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("COMITIA_TIMESTAMP_URL : « horodatage.example.org » n'est pas une adresse http(s) absolue")
        .hasMessageContaining("COMITIA_TIMESTAMP_LOCAL : doit valoir false (l'autorité d'horodatage locale est SIMULÉE");
  }

  @Test
  void refusesTheSimulatedPrefecture() {
    assertThatThrownBy(() -> prod().run("--comitia.prefecture.gateway=simulated"))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("COMITIA_PREFECTURE_GATEWAY : « s2low » (la préfecture simulée n'a pas de valeur légale")
        .hasMessageNotContaining("COMITIA_S2LOW_URL");
  }

  @Test
  void refusesAPublicAddressThatIsNotAnAbsoluteWebAddress() throws IOException {
    String keystore = keystore();
    assertThatThrownBy(() -> prod().run(
            "--camunda.bpm.admin-user.password=s3cret-from-env",
            "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/comitia",
            "--spring.mail.host=127.0.0.1",
            "--comitia.signature.keystore=" + keystore, "--comitia.signature.members-keystore=" + keystore,
            "--comitia.signature.password=p12-from-env",
            "--comitia.public-url=deliberations.npdc-numerique.fr"))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("COMITIA_PUBLIC_URL : « deliberations.npdc-numerique.fr » n'est pas une adresse http(s) "
            + "absolue")
        .hasMessageNotContaining("COMITIA_ADMIN_PASSWORD");
  }

  @Test
  void theSenderAndTheMessageIdDomainFollowThePublicAddress() throws IOException {
    org.springframework.core.env.StandardEnvironment env = new org.springframework.core.env.StandardEnvironment();
    env.setActiveProfiles("prod");
    env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("test", java.util.Map.of(
        "camunda.bpm.admin-user.password", "s3cret-from-env",
        "spring.datasource.url", "jdbc:postgresql://db/comitia",
        "spring.mail.host", "smtp",
        "comitia.signature.keystore", keystore(),
        "comitia.signature.password", "p12",
        "comitia.public-url", "https://deliberations.npdc-numerique.fr/",
        "comitia.prefecture.gateway", "s2low",
        "comitia.prefecture.s2low.url", "https://s2low.example.org",
        "comitia.prefecture.s2low.keystore", keystore(),
        "comitia.prefecture.s2low.keystore-password", "p12")));
    env.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("members",
        java.util.Map.of("comitia.signature.members-keystore", keystore(),
            "comitia.timestamp.url", "https://horodatage.example.org/tsa")));
    new ProductionGuard().postProcessEnvironment(env, null);
    assertThat(env.getProperty("comitia.mail.message-id-domain")).isEqualTo("deliberations.npdc-numerique.fr");
    assertThat(env.getProperty("comitia.mail.from"))
        .isEqualTo("Comitia <ne-pas-repondre@deliberations.npdc-numerique.fr>");
  }

  @Test
  void withEverythingGivenTheGuardLetsTheStartGoOnToTheGivenDatabase() throws Exception {
    // The start then fails on the unreachable database: nothing embedded stood in for it.
    String keystore = keystore();
    Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> prod().run(
        "--camunda.bpm.admin-user.password=s3cret-from-env",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/comitia",
        "--spring.datasource.hikari.initialization-fail-timeout=1",
        "--spring.mail.host=127.0.0.1",
        "--comitia.signature.keystore=" + keystore, "--comitia.signature.members-keystore=" + keystore,
        "--comitia.signature.password=p12-from-env",
        "--comitia.prefecture.s2low.url=https://s2low.example.org",
        "--comitia.prefecture.s2low.keystore=" + s2lowKeystore(),
        "--comitia.prefecture.s2low.keystore-password=s2low-from-env",
        "--comitia.public-url=https://deliberations.npdc-numerique.fr",
        "--comitia.timestamp.url=https://horodatage.example.org/tsa"));
    assertThat(failure).isNotNull().isNotInstanceOf(StartupRefusedException.class);
    assertThat(stackText(failure)).contains("127.0.0.1:1");
  }

  @Test
  void noDefaultPasswordOutsideTheDemoProfile() throws java.io.IOException {
    for (String file : java.util.List.of("config/application.yml", "config/application-prod.yml")) {
      java.util.List<String> passwords = java.nio.file.Files.readAllLines(java.nio.file.Path.of(file)).stream()
          .filter(line -> line.matches("\\s*[\\w-]*password[\\w-]*:.*"))
          .toList();
      assertThat(passwords).as(file).allSatisfy(line -> assertThat(line).matches(".*:\\s*\\$\\{[A-Z0-9_]+:}\\s*"));
    }
    assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("config/application-demo.yml")))
        .contains("password: admin-demo");
  }

  @Test
  void theFailureIsPrintedAsTheOperatorsMessage() {
    StartupRefusedException refused = new StartupRefusedException("Démarrage refusé (profil prod) : test");
    FailureAnalysis analysis = new StartupRefusedFailureAnalyzer().analyze(refused);
    assertThat(analysis.getDescription()).isEqualTo("Démarrage refusé (profil prod) : test");
    assertThat(analysis.getAction()).contains("Corrigez la configuration");
  }

  private static String stackText(Throwable t) {
    StringBuilder text = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      text.append(c).append('\n');
    }
    return text.toString();
  }
}
