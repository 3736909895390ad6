package fr.comitia.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.ComitiaTest;
import fr.comitia.session.SessionVariables;
import fr.comitia.support.Workflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The demo clock: the administrator moves the engine's time to the opening of the next session
 * (« Aller à la séance »), the roll call falls due; refused to anyone else, to a forged post, and
 * outside profile demo.
 */
@ComitiaTest
class DemoClockIT {

  @Autowired Workflow flow;

  ResponseEntity<Map<String, Object>> next(String user, String target) {
    return flow.as(user).exchange("/api/demo/clock/next?target=" + target, HttpMethod.POST, HttpEntity.EMPTY,
        new ParameterizedTypeReference<>() {});
  }

  @Test
  void theAdministratorGoesToTheSessionAndTheRollCallFallsDue() {
    String session = flow.convoked("bureau", "2027-01-04", "2027-01-15T18:00:00+01:00");
    flow.executeJobs();
    assertThat(flow.hasTask(session, SessionVariables.TASK_ROLL_CALL)).isFalse();

    assertThat(next("secretariat", "SESSION").getStatusCode().value()).isEqualTo(403);
    ResponseEntity<Map<String, Object>> moved = next("admin", "SESSION");
    assertThat(moved.getStatusCode().value()).as(String.valueOf(moved.getBody())).isEqualTo(200);
    assertThat(moved.getBody()).containsEntry("businessKey", session).containsEntry("activityId", "sessionOpens")
        .containsEntry("what", "Ouverture de la séance");
    Instant opening = OffsetDateTime.parse("2027-01-15T18:00:00+01:00").toInstant();
    assertThat(ClockUtil.getCurrentTime().toInstant()).isAfter(opening).isBefore(opening.plusSeconds(60));
    flow.executeJobs();
    assertThat(flow.hasTask(session, SessionVariables.TASK_ROLL_CALL)).isTrue();

    // Once no session lies ahead (another test's may): a clear refusal.
    ResponseEntity<Map<String, Object>> none = next("admin", "SESSION");
    for (int i = 0; i < 5 && none.getStatusCode().value() == 200; i++) {
      none = next("admin", "SESSION");
    }
    assertThat(none.getStatusCode().value()).isEqualTo(400);
    assertThat(String.valueOf(none.getBody())).contains("Aucune séance convoquée à venir");
    assertThat(next("admin", "DEMAIN").getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void thePageButtonsNeedThePagesToken() {
    flow.convoked("bureau", "2027-02-01", "2027-02-12T18:00:00+01:00");
    flow.executeJobs();
    String page = flow.as("admin").getForObject("/api/demo/horloge", String.class);
    assertThat(page).contains("Horloge de démonstration").contains("Aller à la séance")
        .contains("Ouverture de la séance").contains("lang=\"fr\"");
    Matcher token = Pattern.compile("name=\"jeton\" value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).isTrue();

    assertThat(post(Map.of("cible", "seance")).getStatusCode().value()).isEqualTo(403);
    assertThat(post(Map.of("cible", "seance", "jeton", "forged.token")).getStatusCode().value()).isEqualTo(403);
    ResponseEntity<String> moved = post(Map.of("cible", "seance", "jeton", token.group(1)));
    // Redirected (and followed) to the page, which says where the clock went.
    assertThat(moved.getStatusCode().value()).isEqualTo(200);
    assertThat(moved.getBody()).contains("Horloge avancée à l&#39;ouverture de la séance : vendredi 12 février 2027");
    assertThat(ClockUtil.getCurrentTime().toInstant())
        .isAfter(OffsetDateTime.parse("2027-02-12T18:00:00+01:00").toInstant());
  }

  private ResponseEntity<String> post(Map<String, String> fields) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    fields.forEach(form::add);
    return flow.as("admin").exchange("/api/demo/horloge", HttpMethod.POST, new HttpEntity<>(form, headers),
        String.class);
  }

  @Test
  void outsideTheDemoProfileTheClockIsRefused() {
    MockEnvironment production = new MockEnvironment();
    production.setActiveProfiles("prod");
    DemoClock clock = new DemoClock(production, null, null, null);
    assertThat(clock.available()).isFalse();
    assertThatThrownBy(() -> clock.next(DemoClock.Target.SESSION))
        .hasMessageContaining("L'horloge de démonstration n'existe que dans le profil demo");
  }
}
