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

  /** The register's screen, on the replayed case: list, search, CSV, the act's record, the session's proofs. */
  @Test
  @SuppressWarnings("unchecked")
  void theDirectionReadsTheRegisterOnItsScreen() {
    String list = flow.as("directeur").getForObject("/api/registre", String.class);
    assertThat(list).contains("lang=\"fr\"").contains("Registre des délibérations").contains("2022-14")
        .contains("Adhésion");
    assertThat(flow.as("directeur").getForObject("/api/registre?q=ENVIRONNEMENT+numerique", String.class))
        .contains("1 délibération").contains("2022-14");
    assertThat(flow.as("directeur").getForObject("/api/registre?q=budget+primitif", String.class))
        .contains("Aucune délibération ne répond");
    assertThat(flow.as("directeur").getForObject("/api/registre?annee=2022&statut=NOTIFIED&assemblee=comitesyndical",
        String.class)).contains("2022-14");
    assertThat(flow.as("directeur").getForEntity("/api/registre?annee=22", String.class).getStatusCode().value())
        .isEqualTo(400);
    assertThat(flow.as("lmonnet").getForEntity("/api/registre", String.class).getStatusCode().value()).isEqualTo(403);

    ResponseEntity<byte[]> csv = flow.as("secretariat").getForEntity("/api/registre/deliberations.csv?annee=2022",
        byte[].class);
    String text = new String(csv.getBody(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).startsWith("\uFEFFnumero;date_seance;assemblee;objet;statut;vote_pour;vote_contre;abstentions;"
        + "executoire_le\r\n").contains("2022-14;2022-06-16;Comité syndical;").contains(";13;0;0;2022-06-17\r\n");

    List<Object> register = flow.as("directeur").getForObject("/api/deliberations", List.class);
    String id = (String) ((Map<String, Object>) register.get(0)).get("id");
    String act = flow.as("directeur").getForObject("/api/registre/deliberations/" + id, String.class);
    assertThat(act).contains("Délibération n° 2022-14").contains("13 pour, 0 contre, 0 abstention ; votants : 13.")
        .contains("ACKNOWLEDGED").contains("059-200041036-20220616-2022_14-DE")
        .contains("Conseil régional des Hauts-de-France").contains("Notification de la délibération n° 2022-14")
        .contains("Exécutoire depuis le vendredi 17 juin 2022");
    String sessionId = (String) ((Map<String, Object>) flow.get("directeur", "/api/deliberations/" + id)
        .get("session")).get("id");
    assertThat(flow.as("secretariat").getForObject("/api/registre/seances", String.class)).contains(sessionId)
        .contains("jeudi 16 juin 2022");
    String session = flow.as("secretariat").getForObject("/api/registre/seances/" + sessionId, String.class);
    assertThat(session).contains("Preuve de convocation").contains("valerie.biegalski@elus.example.org")
        .contains("Procès-verbal (PDF)");
    assertThat(session.split("<td>250", -1).length - 1).isEqualTo(22);
  }

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

    // The proof of each convocation: the SMTP server's answer when it accepted the mail.
    List<Map<String, Object>> proofs = flow.as("secretariat").getForObject("/api/sessions/" + session.get("id")
        + "/convocations", List.class);
    assertThat(proofs).hasSize(22).allSatisfy(p -> {
      assertThat(p).containsEntry("status", "SENT");
      assertThat((String) p.get("smtpReply")).startsWith("250");
    });
    // Its mails: the 22 convocations of 10 June, the notification to the Conseil régional.
    assertThat(mailbox.mails()).filteredOn(m -> m.subject().startsWith("Convocation — Comité syndical")).hasSize(22);
    assertThat(mailbox.mails()).anyMatch(m -> m.subject().startsWith("Notification de la délibération n° 2022-14"));
    // The mailbox, decoded: a list, each mail's text, its HTML, its attachments to download.
    org.springframework.http.HttpHeaders html = new org.springframework.http.HttpHeaders();
    html.setAccept(List.of(org.springframework.http.MediaType.TEXT_HTML));
    TestRestTemplate admin = flow.as("admin");
    String list = admin.exchange("/api/mailbox", org.springframework.http.HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(html), String.class).getBody();
    assertThat(list).contains("Convocation — Comité syndical").doesNotContain("base64")
        .doesNotContain("Content-Transfer-Encoding");
    assertThat(list.length()).isLessThan(100_000);
    int index = mailbox.mails().stream().filter(m -> m.subject().startsWith("Convocation — Comité syndical"))
        .findFirst().orElseThrow().index();
    String view = admin.exchange("/api/mailbox/" + index, org.springframework.http.HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(html), String.class).getBody();
    assertThat(view).contains("J&#39;ai l&#39;honneur de vous convoquer").contains("Voir la version HTML")
        .contains("application/pdf").contains("text/calendar");
    // The invitation is the body's third alternative (listed first) and an attachment; then the convocation PDF.
    int pdfPiece = mailbox.mail(index).orElseThrow().attachments().stream()
        .filter(a -> a.mediaType().equals("application/pdf")).findFirst().orElseThrow().number();
    ResponseEntity<byte[]> piece = admin.getForEntity("/api/mailbox/" + index + "/pieces/" + pdfPiece, byte[].class);
    assertThat(piece.getHeaders().getContentDisposition().getFilename()).endsWith(".pdf");
    assertThat(new String(piece.getBody(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    ResponseEntity<String> htmlPart = admin.getForEntity("/api/mailbox/" + index + "/html", String.class);
    assertThat(htmlPart.getHeaders().getFirst("Content-Security-Policy")).startsWith("sandbox");
    assertThat(htmlPart.getBody()).contains("convoquer");
    assertThat(admin.getForEntity("/api/mailbox/" + index + "/pieces/99", String.class).getStatusCode().value())
        .isEqualTo(404);

    // The mails as recipients read them: the body's name as sender, the secretariat to answer, the
    // notification in text and HTML, the invitation folded at 75 octets.
    CapturedMailbox.CapturedMail notification = mailbox.mails().stream()
        .filter(m -> m.subject().startsWith("Notification de la délibération n° 2022-14")).findFirst().orElseThrow();
    assertThat(notification.from()).contains("SMO Nord – Pas-de-Calais Numérique").endsWith("<ne-pas-repondre@comitia.example.org>");
    assertThat(notification.replyTo()).isEqualTo("secretariat@npdc-numerique.example.org");
    assertThat(notification.body()).contains("Nous vous notifions la délibération n° 2022-14 du Syndicat mixte ouvert");
    assertThat(notification.html()).contains("Accuser réception de la délibération n° <span>2022-14</span>");
    CapturedMailbox.AttachmentContent ics = mailbox.attachment(index, mailbox.mail(index).orElseThrow().attachments()
        .stream().filter(a -> a.mediaType().equals("text/calendar")).findFirst().orElseThrow().number()).orElseThrow();
    assertThat(new String(ics.content(), java.nio.charset.StandardCharsets.UTF_8).split("\r\n"))
        .allSatisfy(line -> assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(75));

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
