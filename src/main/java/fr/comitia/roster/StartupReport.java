package fr.comitia.roster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Comitia where Tasklist is and, in the demo profile, how to log in. */
@Component
class StartupReport {

  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final Environment environment;
  private final Organisation organisation;
  private final IdentityProperties identity;
  private final String webappPath;

  StartupReport(
      Environment environment,
      Organisation organisation,
      IdentityProperties identity,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    this.environment = environment;
    this.organisation = organisation;
    this.identity = identity;
    this.webappPath = webappPath;
  }

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    log.info(report(environment.getProperty("local.server.port", "8080")));
  }

  String report(String port) {
    String publicUrl = environment.getProperty("comitia.public-url", "");
    String base = publicUrl.isBlank() ? "http://localhost:" + port : publicUrl.replaceAll("/+$", "");
    StringBuilder out = new StringBuilder();
    out.append("\n\n  Comitia est prêt — ").append(organisation.name()).append('\n');
    out.append("  Tasklist : ").append(base).append(webappPath).append("/app/tasklist/\n");
    out.append("  Cockpit  : ").append(base).append(webappPath).append("/app/cockpit/\n");
    out.append("  Admin    : ").append(base).append(webappPath).append("/app/admin/\n");
    out.append("  API      : ").append(base).append("/api  (description OpenAPI : ").append(base).append("/v3/api-docs)\n");
    if (!identity.initialPasswords().isEmpty()) {
      String line = "    %-20s %-20s %s%n";
      out.append("  Comptes de démonstration (profil demo ; à ne jamais utiliser en production) :\n");
      out.append(String.format(line, environment.getProperty("camunda.bpm.admin-user.id", "admin"),
          environment.getProperty("camunda.bpm.admin-user.password", "?"), "administrateur (camunda-admin)"));
      organisation.accounts().forEach(a -> out.append(String.format(line, a.id(),
          identity.initialPasswords().getOrDefault(a.id(), "?"), String.join(", ", a.groups()))));
      if (identity.memberInitialPassword() != null) {
        organisation.bodies().forEach(b -> out.append(String.format(line, b.presidentId(),
            identity.memberInitialPassword(), "président — " + b.name())));
        out.append("    et chaque élu : son identifiant (voir config/organisation.yml), mot de passe ")
            .append(identity.memberInitialPassword()).append('\n');
      }
    }
    return out.toString();
  }
}
