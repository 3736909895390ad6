package fr.comitia.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.ComitiaTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The time-stamping port: the local authority (SIMULATED) of the demo and the tests gives tokens
 * that check like an authority's, at the engine's time; the real RFC 3161 client gets them from it
 * over HTTP; a wrong digest, a changed token, a refused policy and an absent service are told apart.
 */
@ComitiaTest
class TimestampAuthorityIT {

  @Autowired TimestampAuthority authority;
  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;

  private static final byte[] ACT = TimestampTokens.sha256("Délibération 2022-14".getBytes(StandardCharsets.UTF_8));

  @Test
  void theLocalAuthorityStampsAtTheEngineTimeAndItsTokensCheck() {
    assertThat(authority).isInstanceOf(LocalTimestampAuthority.class);
    assertThat(authority.name()).contains("SIMULÉE");
    Instant tenJune = OffsetDateTime.parse("2022-06-10T09:00:00+02:00").toInstant();
    ClockUtil.setCurrentTime(Date.from(tenJune));

    TimestampAuthority.Token token = authority.stamp(ACT);

    assertThat(token.time()).isEqualTo(tenJune);
    assertThat(token.authority()).contains("Autorite d'horodatage locale SIMULEE");
    TimestampTokens.Check check = TimestampTokens.check(token.der(), ACT);
    assertThat(check.valid()).as(check.problem()).isTrue();
    assertThat(check.time()).isEqualTo(tenJune);

    byte[] other = TimestampTokens.sha256("Délibération 2022-15".getBytes(StandardCharsets.UTF_8));
    assertThat(TimestampTokens.check(token.der(), other).problem())
        .isEqualTo("Le jeton d'horodatage porte sur une autre empreinte.");
    byte[] changed = token.der().clone();
    changed[changed.length - 10] ^= 0x01;
    assertThat(TimestampTokens.check(changed, ACT).valid()).isFalse();
    assertThat(TimestampTokens.check(null, ACT).problem()).isEqualTo("Aucun jeton d'horodatage.");
  }

  @Test
  void theRealClientGetsATokenFromTheLocalAuthorityOverHttp() {
    Rfc3161TimestampClient client = new Rfc3161TimestampClient(properties("http://localhost:" + port + "/horodatage",
        null));

    TimestampAuthority.Token token = client.stamp(ACT);

    assertThat(TimestampTokens.check(token.der(), ACT).valid()).isTrue();
    assertThat(token.serial()).isNotBlank();
    assertThat(client.name()).isEqualTo("Autorité d'horodatage http://localhost:" + port + "/horodatage");
  }

  @Test
  void aPolicyTheAuthorityDoesNotHaveIsRefusedWithItsReason() {
    Rfc3161TimestampClient client = new Rfc3161TimestampClient(properties("http://localhost:" + port + "/horodatage",
        "1.2.250.1.999.1"));

    assertThatThrownBy(() -> client.stamp(ACT)).isInstanceOf(TimestampUnavailableException.class)
        .hasMessageStartingWith("L'autorité d'horodatage http://localhost:" + port + "/horodatage a refusé la demande");
  }

  @Test
  void anAbsentServiceIsNamed() {
    Rfc3161TimestampClient client = new Rfc3161TimestampClient(properties("http://localhost:" + port + "/pas-ici",
        null));

    assertThatThrownBy(() -> client.stamp(ACT)).isInstanceOf(TimestampUnavailableException.class)
        .hasMessage("L'autorité d'horodatage http://localhost:" + port + "/pas-ici a répondu 401.");
  }

  @Test
  void aBodyThatIsNotARequestGetsAFrench400() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/timestamp-query"));
    var answer = rest.exchange("/horodatage", HttpMethod.POST,
        new HttpEntity<>("bonjour".getBytes(StandardCharsets.UTF_8), headers),
        new ParameterizedTypeReference<Map<String, Object>>() {});

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody()).containsEntry("message", "Demande d'horodatage illisible : le corps doit être une "
        + "requête RFC 3161 (TimeStampReq en DER, Content-Type: application/timestamp-query).");
  }

  private static TimestampProperties properties(String url, String policy) {
    return new TimestampProperties(url, policy, null, null, Duration.ofSeconds(5), false, null, null);
  }
}
