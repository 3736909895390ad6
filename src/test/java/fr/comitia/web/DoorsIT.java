package fr.comitia.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The doors, over real HTTP with the production's proxy settings ({@code server.forward-headers-strategy},
 * Secure cookies, Camunda's HSTS): each test comes from its own client address (X-Forwarded-For,
 * trusted from the local proxy), so that the per-address limit of failed logins is seen address by
 * address. The engine's clock drives both Camunda's login delays and that limit.
 */
@ComitiaTest
@TestPropertySource(properties = {
    "server.forward-headers-strategy=native",
    "server.servlet.session.cookie.secure=true",
    "camunda.bpm.webapp.session-cookie.enable-secure-cookie=true",
    "camunda.bpm.webapp.header-security.hsts-disabled=false"
})
class DoorsIT {

  static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/default/login/tasklist";

  @Autowired TestRestTemplate rest;
  @Autowired IdentityService identityService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static HttpHeaders from(String address) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Forwarded-For", address);
    return headers;
  }

  private ResponseEntity<String> get(String path, String user, String password, String address) {
    TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, password);
    return client.exchange(path, HttpMethod.GET, new HttpEntity<>(from(address)), String.class);
  }

  /** A browser's visit to Tasklist: its session cookie and CSRF token. */
  private record Browser(String address, String cookies, String csrfToken) {}

  private Browser openTasklist(String address) {
    ResponseEntity<String> page = rest.exchange("/camunda/app/tasklist/default/", HttpMethod.GET,
        new HttpEntity<>(from(address)), String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> cookies = new ArrayList<>();
    for (String setCookie : page.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      cookies.add(setCookie.split(";", 2)[0]);
    }
    String token = page.getHeaders().getFirst("X-XSRF-TOKEN");
    assertThat(token).as("CSRF token of %s", page.getHeaders()).isNotBlank();
    return new Browser(address, String.join("; ", cookies), token);
  }

  private ResponseEntity<String> webappLogin(Browser browser, String user, String password) {
    HttpHeaders headers = from(browser.address());
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    headers.set(HttpHeaders.COOKIE, browser.cookies());
    headers.set("X-XSRF-TOKEN", browser.csrfToken());
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", password);
    return rest.exchange(WEBAPP_LOGIN, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }

  @Test
  void hundredsOfWrongPasswordsForAdminAre429ForThatAddressAndAdminLogsInAgainAMinuteLater() {
    Instant start = Instant.now();
    ClockUtil.setCurrentTime(Date.from(start));
    String attacker = "203.0.113.7";
    int unauthorized = 0;
    int tooMany = 0;
    ResponseEntity<String> last = null;
    for (int i = 0; i < 300; i++) {
      last = get("/api/bodies", "admin", "mauvais-" + i, attacker);
      if (last.getStatusCode() == HttpStatus.UNAUTHORIZED) {
        unauthorized++;
      } else if (last.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS) {
        tooMany++;
      }
    }
    assertThat(unauthorized).as("failures that reach Camunda").isEqualTo(20);
    assertThat(tooMany).isEqualTo(280);
    assertThat(last.getBody()).contains("Trop de tentatives de connexion échouées depuis votre adresse")
        .contains("réessayez dans 60 secondes");
    assertThat(last.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
    // The right password from the blocked address is refused too, without reaching Camunda.
    assertThat(get("/api/bodies", "admin", "admin-demo", attacker).getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

    // Another address is not blocked; the account itself waits for Camunda's delay (at most a minute).
    ResponseEntity<String> elsewhere = get("/api/bodies", "admin", "admin-demo", "198.51.100.9");
    assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(elsewhere.getBody()).contains("Authentification requise");
    assertThat(get("/api/bodies", "directeur", "directeur-demo", "198.51.100.9").getStatusCode())
        .isEqualTo(HttpStatus.OK);

    ClockUtil.setCurrentTime(Date.from(start.plusSeconds(61)));
    assertThat(get("/api/bodies", "admin", "admin-demo", attacker).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("/engine-rest/user/admin/profile", "admin", "admin-demo", "198.51.100.9").getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void failedLoginsOnTheEngineRestApiAndTheWebappsCountForTheAddressToo() {
    String attacker = "203.0.113.20";
    Browser browser = openTasklist(attacker);
    for (int i = 0; i < 10; i++) {
      assertThat(get("/engine-rest/task", "personne", "mauvais", attacker).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(webappLogin(browser, "quelquun", "mauvais").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    ResponseEntity<String> engine = get("/engine-rest/task", "directeur", "directeur-demo", attacker);
    assertThat(engine.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(engine.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
    ResponseEntity<String> webapp = webappLogin(browser, "directeur", "directeur-demo");
    assertThat(webapp.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(webapp.getBody()).contains("Trop de tentatives de connexion échouées");
    assertThat(get("/api/bodies", "directeur", "directeur-demo", attacker).getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

    // Requests without credentials are not login attempts: the personal-link pages still answer.
    assertThat(get("/procuration/faux-lien", null, null, attacker).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    // No account was touched: the director logs in from elsewhere at once.
    assertThat(webappLogin(openTasklist("198.51.100.20"), "directeur", "directeur-demo").getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void aLockedUserUnlockedByTheAdministratorThroughTheEngineRestApiLogsInAgain() {
    String address = "203.0.113.30";
    for (int i = 0; i < 3; i++) {
      assertThat(get("/api/bodies", "afigoureux", "mauvais", address).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    assertThat(((UserEntity) identityService.createUserQuery().userId("afigoureux").singleResult())
        .getLockExpirationTime()).isNotNull();
    assertThat(get("/api/bodies", "afigoureux", "membre-demo", address).getStatusCode())
        .as("locked by Camunda's delay").isEqualTo(HttpStatus.UNAUTHORIZED);

    HttpHeaders headers = from(address);
    ResponseEntity<String> byMember = rest.withBasicAuth("lmonnet", "membre-demo")
        .exchange("/engine-rest/user/afigoureux/unlock", HttpMethod.POST, new HttpEntity<>(headers), String.class);
    assertThat(byMember.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> byAdmin = rest.withBasicAuth("admin", "admin-demo")
        .exchange("/engine-rest/user/afigoureux/unlock", HttpMethod.POST, new HttpEntity<>(headers), String.class);
    assertThat(byAdmin.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

    assertThat(get("/api/bodies", "afigoureux", "membre-demo", address).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void camundaNeverLocksAnAccountForGood() {
    Instant start = Instant.now();
    for (int i = 0; i < 15; i++) {
      // Each attempt after the previous delay, from its own address: Camunda counts them all.
      ClockUtil.setCurrentTime(Date.from(start.plusSeconds(61L * i)));
      assertThat(get("/engine-rest/task", "swarotlemaire", "mauvais", "203.0.113." + (100 + i)).getStatusCode())
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }
    ClockUtil.setCurrentTime(Date.from(start.plusSeconds(61L * 15)));
    assertThat(identityService.checkPassword("swarotlemaire", "membre-demo"))
        .as("after 15 failures (Camunda's default locks for good after 10)").isTrue();
  }

  @Test
  void comitiaPagesAndApisSendTheSecurityHeaders() {
    List<ResponseEntity<String>> responses = List.of(
        get("/procuration/faux-lien", null, null, "192.0.2.1"),
        get("/accuse-reception/faux-lien", null, null, "192.0.2.1"),
        get("/api/bodies", null, null, "192.0.2.1"),
        get("/api/bodies", "directeur", "directeur-demo", "192.0.2.1"),
        get("/v3/api-docs", "directeur", "directeur-demo", "192.0.2.1"));
    for (ResponseEntity<String> response : responses) {
      HttpHeaders h = response.getHeaders();
      assertThat(h.get("Content-Security-Policy")).as(h.toString()).hasSize(1);
      assertThat(h.getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("script-src 'none'")
          .contains("default-src 'self'");
      assertThat(h.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(h.getFirst("X-Frame-Options")).isEqualTo("DENY");
      assertThat(h.getFirst("Referrer-Policy")).isEqualTo("same-origin");
      assertThat(h.getFirst("Strict-Transport-Security")).as("plain HTTP").isNull();
    }
    assertThat(responses.get(0).getBody()).contains("Lien invalide");

    ResponseEntity<String> engine = get("/engine-rest/task", "directeur", "directeur-demo", "192.0.2.1");
    assertThat(engine.getHeaders().getFirst("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(engine.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");

    // Camunda's webapps keep their own policy, and only theirs.
    ResponseEntity<String> tasklist = get("/camunda/app/tasklist/default/", null, null, "192.0.2.1");
    assertThat(tasklist.getHeaders().get("Content-Security-Policy")).hasSize(1);
    assertThat(tasklist.getHeaders().getFirst("Content-Security-Policy")).doesNotContain("script-src 'none'");
  }

  @Test
  void behindAnHttpsProxyResponsesSendHstsAndSessionCookiesAreSecure() {
    HttpHeaders https = from("192.0.2.2");
    https.set("X-Forwarded-Proto", "https");
    ResponseEntity<String> page = rest.exchange("/accuse-reception/faux-lien", HttpMethod.GET,
        new HttpEntity<>(https), String.class);
    assertThat(page.getHeaders().getFirst("Strict-Transport-Security")).startsWith("max-age=31536000");
    ResponseEntity<String> api = rest.withBasicAuth("directeur", "directeur-demo")
        .exchange("/api/bodies", HttpMethod.GET, new HttpEntity<>(https), String.class);
    assertThat(api.getHeaders().getFirst("Strict-Transport-Security")).startsWith("max-age=31536000");
    assertThat(api.getHeaders().get(HttpHeaders.SET_COOKIE)).as("stateless API: no session").isNull();

    ResponseEntity<String> tasklist = rest.exchange("/camunda/app/tasklist/default/", HttpMethod.GET,
        new HttpEntity<>(https), String.class);
    assertThat(tasklist.getHeaders().getFirst("Strict-Transport-Security")).startsWith("max-age=");
    List<String> sessionCookies = tasklist.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
        .filter(c -> c.startsWith("JSESSIONID=") || c.startsWith("SESSION=")).toList();
    assertThat(sessionCookies).isNotEmpty().allSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure")
        .containsIgnoringCase("HttpOnly"));
  }

  @Test
  void theOpenApiDescriptionNeedsALoginInEveryForm() {
    for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/api/nulle-part",
        "/autre-chose")) {
      ResponseEntity<String> anonymous = get(path, null, null, "192.0.2.3");
      assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      assertThat(anonymous.getBody()).as(path).contains("Authentification requise");
    }
    // Tasklist probes /camunda-welcome: no Basic challenge there (a browser would prompt over Tasklist's login).
    ResponseEntity<String> welcome = get("/camunda-welcome", null, null, "192.0.2.3");
    assertThat(welcome.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(welcome.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();

    ResponseEntity<String> yaml = get("/v3/api-docs.yaml", "lmonnet", "membre-demo", "192.0.2.3");
    assertThat(yaml.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(yaml.getBody()).contains("openapi:");
  }

  @Test
  void aTasklistSessionReadsTheApiButWritesNeedHttpBasic() {
    Browser browser = openTasklist("192.0.2.4");
    ResponseEntity<String> login = webappLogin(browser, "secretariat", "secretariat-demo");
    assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
    String cookies = browser.cookies();
    for (String setCookie : login.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
      cookies = cookies + "; " + setCookie.split(";", 2)[0];
    }
    HttpHeaders session = from("192.0.2.4");
    session.set(HttpHeaders.COOKIE, cookies);
    ResponseEntity<String> read = rest.exchange("/api/forms/start-choices", HttpMethod.GET, new HttpEntity<>(session),
        String.class);
    assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(read.getBody()).contains("groupement-ent@region-hdf.example.org");

    session.setContentType(MediaType.APPLICATION_JSON);
    session.set("X-XSRF-TOKEN", browser.csrfToken());
    ResponseEntity<String> write = rest.exchange("/api/sessions", HttpMethod.POST, new HttpEntity<>(
        Map.of("bodyId", "bureau", "sessionDate", "2030-01-10T10:00:00+01:00", "place", "Lille"), session), String.class);
    assertThat(write.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
