package fr.comitia.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.util.LinkedMultiValueMap;

@ComitiaTest
class ApiSecurityIT {

  @Autowired TestRestTemplate rest;
  @Autowired JavaMailSender mailSender;

  @Test
  void withoutCredentialsEveryApiAnswers401() {
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/api/bodies",
        "/api/bodies/comitesyndical", "/api/mailbox", "/v3/api-docs")) {
      ResponseEntity<String> response = rest.getForEntity(path, String.class);
      assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    ResponseEntity<String> api = rest.getForEntity("/api/bodies", String.class);
    assertThat(api.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
    assertThat(api.getBody()).contains("Authentification requise");
    assertThat(api.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(api.getBody()).contains("\"type\":\"about:blank\"", "\"title\":\"Authentification requise\"",
        "\"status\":401", "\"instance\":\"/api/bodies\"");
  }

  @Test
  void aLoggedInUserReadsTheApiInSwaggerUi() {
    assertThat(rest.getForEntity("/swagger-ui/index.html", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    TestRestTemplate director = rest.withBasicAuth("directeur", "directeur-demo");
    ResponseEntity<String> page = director.getForEntity("/swagger-ui/index.html", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("swagger-ui-bundle.js");
    // Its own scripts only, nothing from elsewhere; every other page of Comitia runs no script at all.
    assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(director.getForEntity("/api/bodies", String.class).getHeaders().getFirst("Content-Security-Policy"))
        .contains("script-src 'none'");
    ResponseEntity<String> config = director.getForEntity("/v3/api-docs/swagger-config", String.class);
    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(config.getBody()).contains("/v3/api-docs");
  }

  @Test
  void theApiDescriptionTypesEveryAnswer() throws Exception {
    com.fasterxml.jackson.databind.JsonNode paths = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        rest.withBasicAuth("directeur", "directeur-demo").getForObject("/v3/api-docs", String.class)).path("paths");
    assertThat(paths.size()).isGreaterThanOrEqualTo(25);
    List<String> faults = new java.util.ArrayList<>();
    paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      String name = op.getKey().toUpperCase() + " " + path.getKey();
      com.fasterxml.jackson.databind.JsonNode responses = op.getValue().path("responses");
      if (op.getValue().path("summary").asText().isBlank()) {
        faults.add(name + " : pas de résumé");
      }
      if (!responses.has("401")) {
        faults.add(name + " : pas de réponse 401");
      }
      responses.fields().forEachRemaining(r -> {
        if (r.getKey().startsWith("4") && !r.getValue().path("content").has("application/problem+json")) {
          faults.add(name + " : réponse " + r.getKey() + " sans application/problem+json");
        }
        if (r.getValue().path("content").has("*/*")) {
          faults.add(name + " : réponse " + r.getKey() + " typée */*");
        }
      });
      if (path.getKey().endsWith(".pdf") && !responses.path("200").path("content").has("application/pdf")) {
        faults.add(name + " : PDF non typé application/pdf");
      }
    }));
    assertThat(faults).isEmpty();
    // What creates answers 201 (and documents it), what removes 204.
    assertThat(paths.path("/api/deliberations").path("post").path("responses").has("201")).isTrue();
    assertThat(paths.path("/api/sessions").path("post").path("responses").has("201")).isTrue();
    assertThat(paths.path("/api/deliberations/{id}/annexes").path("post").path("responses").has("201")).isTrue();
    assertThat(paths.path("/api/deliberations/{id}/annexes/{annexId}").path("delete").path("responses").has("204"))
        .isTrue();
    assertThat(paths.path("/api/deliberations").path("post").path("responses").has("200")).isFalse();
    assertThat(paths.path("/api/deliberations/{id}").path("get").path("responses").has("404")).isTrue();
  }

  @Test
  void anErrorNoHandlerAnsweredIsFrenchNeverWhitelabel() {
    HttpHeaders html = new HttpHeaders();
    html.setAccept(List.of(MediaType.TEXT_HTML));
    ResponseEntity<String> page = rest.exchange("/error", HttpMethod.GET, new HttpEntity<>(html), String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(page.getBody()).contains("lang=\"fr\"", "Erreur du serveur", "consignée dans le journal du serveur")
        .doesNotContain("Whitelabel");
    ResponseEntity<String> json = rest.getForEntity("/error", String.class);
    assertThat(json.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat(json.getBody()).contains("\"title\":\"Erreur du serveur\"").doesNotContain("Internal Server Error");
  }

  @Test
  void theApiDescriptionPassesRedoclysRecommendedRules() throws Exception {
    ResponseEntity<String> description = rest.withBasicAuth("directeur", "directeur-demo")
        .getForEntity("/v3/api-docs", String.class);
    assertThat(description.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(Redocly.errors(description.getBody())).isEmpty();
  }

  @Test
  void aWrongPasswordOrAnUnknownUserIs401() {
    // A wrong password delays that user's next login (Camunda's throttling): use a member no other test logs in as.
    assertThat(rest.withBasicAuth("jldauchy", "wrong").getForEntity("/api/bodies", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("personne", "wrong").getForEntity("/engine-rest/task", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void withCredentialsTheApisAnswer200() {
    TestRestTemplate director = rest.withBasicAuth("directeur", "directeur-demo");
    assertThat(director.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(director.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    ResponseEntity<Map<String, Object>> body = director.exchange("/api/bodies/comitesyndical?date=2022-06-16",
        HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(body.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(body.getBody()).containsEntry("name", "Comité syndical").containsEntry("presidentId", "ccoulon");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> members = (List<Map<String, Object>>) body.getBody().get("members");
    assertThat(members).hasSize(22);
    assertThat(members.get(17)).containsEntry("id", "bmesseannegrobelny").containsEntry("civility", "Mme")
        .containsEntry("lastName", "MESSEANNE-GROBELNY").containsEntry("collectivity", "Département du Pas-de-Calais")
        .containsEntry("role", "MEMBER");
    @SuppressWarnings("unchecked")
    Map<String, Object> quorum = (Map<String, Object>) ((Map<String, Object>) body.getBody().get("rules")).get("quorum");
    assertThat(quorum).containsEntry("source", "STATUTS").containsEntry("counting", "PRESENT_OR_REPRESENTED");

    ResponseEntity<String> unknown = director.getForEntity("/api/bodies/conseil", String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(unknown.getBody()).contains("Assemblée « conseil » inconnue.");
  }

  @Test
  void onlyAnAdministratorReadsTheCapturedMails() {
    SimpleMailMessage mail = new SimpleMailMessage();
    mail.setFrom("secretariat@npdc-numerique.example.org");
    mail.setTo("luc.monnet@elus.example.org");
    mail.setSubject("Essai de l'envoi — « Comité syndical »");
    mail.setText("Bonjour <b>Luc</b>");
    mailSender.send(mail);

    ResponseEntity<String> member = rest.withBasicAuth("lmonnet", "membre-demo").getForEntity("/api/mailbox", String.class);
    assertThat(member.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(member.getBody()).contains("réservé au groupe « camunda-admin »");

    TestRestTemplate admin = rest.withBasicAuth("admin", "admin-demo");
    ResponseEntity<String> json = admin.getForEntity("/api/mailbox", String.class);
    assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.getBody()).contains("Essai de l'envoi — « Comité syndical »").contains("luc.monnet@elus.example.org");

    HttpHeaders html = new HttpHeaders();
    html.setAccept(List.of(MediaType.TEXT_HTML));
    ResponseEntity<String> page = admin.exchange("/api/mailbox", HttpMethod.GET, new HttpEntity<>(html), String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("Courriels capturés").contains("Essai de l&#39;envoi");
    java.util.regex.Matcher view = java.util.regex.Pattern.compile("href=\"(/api/mailbox/[0-9]+)\">Essai").matcher(
        page.getBody());
    assertThat(view.find()).isTrue();
    ResponseEntity<String> one = admin.exchange(view.group(1), HttpMethod.GET, new HttpEntity<>(html), String.class);
    assertThat(one.getBody()).contains("Bonjour &lt;b&gt;Luc&lt;/b&gt;");
  }

  @Test
  void theWebappsKeepTheirCsrfProtection() {
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", "directeur");
    form.add("password", "directeur-demo");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = rest.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
        new HttpEntity<>(form, headers), String.class);
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(login.getHeaders().getFirst("X-XSRF-TOKEN")).isEqualTo("Required");
  }
}
