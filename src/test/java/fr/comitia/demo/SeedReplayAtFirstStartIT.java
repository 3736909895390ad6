package fr.comitia.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.mail.CapturedMailbox;
import fr.comitia.support.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The demonstration's first start: deliberation 2022-14 is in the register as it happened, to its
 * acknowledgement, with its mails and documents, and the clock is real time again.
 */
@ComitiaTest
@TestPropertySource(properties = "comitia.demo.replay-seed=true")
class SeedReplayAtFirstStartIT {

  @Autowired Workflow flow;
  @Autowired TestRestTemplate rest;
  @Autowired CapturedMailbox mailbox;
  @Autowired SeedReplay replay;

  @Test
  @SuppressWarnings("unchecked")
  void aNewcomerFindsTheSeedsCaseFinishedAtOnce() {
    List<Object> register = flow.as("directeur").getForObject("/api/deliberations", List.class);
    assertThat(register).hasSize(1);
    Map<String, Object> act = (Map<String, Object>) register.get(0);
    assertThat(act).containsEntry("number", "2022-14").containsEntry("status", "NOTIFIED")
        .containsEntry("enforceableAt", "2022-06-17T13:02:00Z");
    String id = (String) act.get("id");
    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    Map<String, Object> vote = (Map<String, Object>) record.get("vote");
    assertThat(vote).containsEntry("votesFor", 13).containsEntry("votesAgainst", 0).containsEntry("abstentions", 0);
    assertThat((Map<String, Object>) record.get("transmission")).containsEntry("status", "ACKNOWLEDGED");
    assertThat((List<Map<String, Object>>) record.get("notifications")).singleElement()
        .satisfies(n -> assertThat(n.get("acknowledgedAt")).isNotNull());

    Map<String, Object> session = (Map<String, Object>) record.get("session");
    Map<String, Object> sitting = flow.get("secretariat", "/api/sessions/" + session.get("id"));
    assertThat(sitting).containsEntry("status", "CLOSED").containsEntry("sessionDate", "2022-06-16T08:00:00Z")
        .containsEntry("convocationDate", "2022-06-10");
    Map<String, Object> attendance = (Map<String, Object>) sitting.get("attendance");
    assertThat(attendance).containsEntry("inOffice", 22).containsEntry("present", 7).containsEntry("proxies", 6);
    assertThat((Map<String, Object>) sitting.get("deliberationsList")).satisfies(l ->
        assertThat(l.get("publishedAt")).isNotNull());

    // Its mails: the 22 convocations of 10 June, the notification to the Conseil régional.
    assertThat(mailbox.mails()).filteredOn(m -> m.subject().startsWith("Convocation — Comité syndical")).hasSize(22);
    assertThat(mailbox.mails()).anyMatch(m -> m.subject().startsWith("Notification de la délibération n° 2022-14"));
    // Its documents: the signed extract, and the act on the public register.
    ResponseEntity<byte[]> extract = flow.as("directeur").getForEntity("/api/deliberations/" + id + "/extract.pdf",
        byte[].class);
    assertThat(fr.comitia.support.Pdfs.text(extract.getBody())).contains("DÉLIBÉRATION 2022");
    assertThat(rest.getForObject("/registre", String.class)).contains("2022-14");

    // Real time again, and a second start replays nothing.
    assertThat(Duration.between(ClockUtil.getCurrentTime().toInstant(), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(5));
    assertThat(replay.replayOnce()).isNull();
    assertThat(flow.as("directeur").getForObject("/api/deliberations", List.class)).hasSize(1);
  }
}
