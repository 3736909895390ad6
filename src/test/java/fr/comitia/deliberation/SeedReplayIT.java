package fr.comitia.deliberation;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.URGENT;
import static fr.comitia.session.SessionVariables.VOTES_AGAINST;
import static fr.comitia.session.SessionVariables.VOTES_FOR;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECONVENE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Workflow;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deliberation 2022-14 of the comité syndical replayed from draft to notified act, with the clock
 * of June 2022: the register must show the seed's figures. The same attendance in a body that
 * follows the CGCT finds no quorum that day.
 */
@ComitiaTest
class SeedReplayIT {

  static final String SESSION_DATE = "2022-06-16T10:00:00+02:00";
  static final String PUBLIC_URL = "https://deliberations.npdc-numerique.fr";
  static final String PLACE = "Lille, dans les locaux du Conseil régional des Hauts-de-France";

  /** The shipped organisation plus a body of the same 22 members whose statuts say nothing (CGCT). */
  @DynamicPropertySource
  static void organisation(DynamicPropertyRegistry registry) throws IOException {
    String shipped = Files.readString(Path.of("config", "organisation.yml"));
    String cgct = """
          - id: conseilcgct
            name: Conseil (règles du CGCT)
            assemblyName: conseil
            president: ccoulon
            inOfficeSince: 2021-09-01
            members: [vbiegalski, ebommart, ccoulon, adecagny, lfoutry, aheusele, yhutchinson, fleturque, jmmichalak,
                      btirmarche, gbartholomeus, lmonnet, mhquatreboeuf, nsiegler,
                      avanpeene, cbachelet, jcdissaux, bmesseannegrobelny, vthiebaut,
                      swarotlemaire, afigoureux, jldauchy]

        partners:""";
    Path file = Path.of("target", "test-data", "organisation-with-cgct-body.yml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, shipped.replace("\npartners:", "\n" + cgct.stripTrailing().replace("\n\npartners:", "\n\npartners:")));
    registry.add("comitia.organisation", () -> "file:" + file);
    // As in production behind a proxy: every link of every mail follows the public address.
    registry.add("comitia.public-url", () -> PUBLIC_URL);
    registry.add("comitia.mail.message-id-domain", () -> "deliberations.npdc-numerique.fr");
  }

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired GreenMail smtp;
  @Autowired Workflow flow;

  @Test
  @SuppressWarnings("unchecked")
  void deliberation2022_14IsReplayedWithTheSeedsFigures() throws Exception {
    Workflow.clockAt("2022-05-20T09:00:00+02:00");
    String id = flow.submit(flow.resource("/seed/deliberation-2022-14.json"));
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "AWAITING_SESSION");

    Workflow.clockAt("2022-06-01T09:00:00+02:00");
    String session = flow.createSession("comitesyndical", SESSION_DATE, PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(id)));

    Workflow.clockAt("2022-06-10T11:00:00+02:00");
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "SCHEDULED");
    flow.executeJobs();
    List<MimeMessage> convocations = Mails.received(smtp, null, "Comité syndical du jeudi 16 juin 2022");
    assertThat(convocations).hasSize(22);
    assertThat(convocations.get(0).getSubject())
        .isEqualTo("Convocation — Comité syndical du jeudi 16 juin 2022 à 10 h 00");
    for (MimeMessage convocation : convocations) {
      assertThat(convocation.getMessageID()).matches("<convocation-" + session + "-1-[a-z]+@deliberations\\.npdc-numerique\\.fr>");
      assertThat(Mails.text(convocation)).contains(PUBLIC_URL + "/procuration/").doesNotContain("localhost");
    }

    Workflow.clockAt(SESSION_DATE);
    flow.executeJobs();
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(
        "attendance", flow.resourceList("/seed/attendance-2022-06-16.json"),
        "presidingMemberId", "bmesseannegrobelny",
        "sessionSecretaryId", "cbachelet"));

    assertThat(flow.task(session, TASK_RECORD_VOTE).getName()).startsWith("Vote : Adhésion au groupement de commandes");
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, Map.of(VOTES_FOR, 13, VOTES_AGAINST, 0,
        "abstentions", 0, "notParticipating", 0, "secretBallot", false));

    Workflow.clockAt("2022-06-17T15:00:00+02:00");
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.executeJobs();
    // Signed, published, transmitted: not enforceable yet, nobody notified before the ARActe.
    Map<String, Object> published = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(published).containsEntry("status", "SIGNED").containsEntry("enforceableAt", null);
    assertThat((Map<String, Object>) published.get("transmission")).containsEntry("status", "TRANSMITTED")
        .containsEntry("actesId", null);
    assertThat((Map<String, Object>) published.get("publication")).containsEntry("url", PUBLIC_URL + "/registre/actes/" + id)
        .containsEntry("publishedAt", "2022-06-17T13:00:00Z")
        .containsEntry("author", "M. Christophe COULON").containsEntry("authorOffice", "Président du Syndicat mixte");
    assertThat(Mails.received(smtp, "groupement-ent@region-hdf.example.org", "n° 2022-14")).isEmpty();

    assertThat(flow.prefectureAcknowledges()).isEqualTo(2);
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    flow.executeJobs();
    // The list of the session's deliberations is online at once, well within the week (L2121-25).
    Map<String, Object> list = (Map<String, Object>) flow.get("secretariat", "/api/sessions/" + session)
        .get("deliberationsList");
    assertThat(list).containsEntry("publishedAt", "2022-06-17T13:02:00Z")
        .containsEntry("dueAt", "2022-06-23T08:00:00Z")
        .containsEntry("url", PUBLIC_URL + "/registre/seances/" + session + "/liste-des-deliberations.pdf");
    byte[] listPdf = rest.getForObject("/registre/seances/" + session + "/liste-des-deliberations.pdf", byte[].class);
    assertThat(fr.comitia.support.Pdfs.text(listPdf)).contains("2022-14");
    assertThat(rest.getForObject("/registre", String.class)).contains("Comité syndical, séance du jeudi 16 juin 2022");

    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(record).containsEntry("number", "2022-14").containsEntry("status", "ENFORCEABLE")
        .containsEntry("nature", "1").containsEntry("natureLabel", "Délibérations").containsEntry("matiere", "1.4")
        .containsEntry("matiereLabel", "Commande publique / Autres types de contrats");
    Map<String, Object> attendance = (Map<String, Object>) record.get("attendance");
    assertThat(attendance).containsEntry("inOffice", 22).containsEntry("present", 7).containsEntry("absent", 0)
        .containsEntry("excused", 15).containsEntry("proxies", 6);
    List<Map<String, Object>> lines = (List<Map<String, Object>>) attendance.get("members");
    assertThat(lines.get(3)).containsEntry("lastName", "DECAGNY").containsEntry("status", "EXCUSED")
        .containsEntry("proxyHolderShortName", "Mme BIEGALSKI");
    Map<String, Object> quorum = (Map<String, Object>) record.get("quorum");
    assertThat(quorum).containsEntry("regime", "STATUTS").containsEntry("inOffice", 22)
        .containsEntry("present", 7).containsEntry("represented", 6).containsEntry("counted", 13)
        .containsEntry("required", 12).containsEntry("reached", true)
        .containsEntry("sentence", "Le quorum étant atteint, le comité syndical peut valablement délibérer.");
    assertThat((String) quorum.get("rule")).contains("majorité des membres en exercice présents ou représentés");
    Map<String, Object> vote = (Map<String, Object>) record.get("vote");
    assertThat(vote).containsEntry("outcome", "ADOPTED").containsEntry("votesFor", 13)
        .containsEntry("votesAgainst", 0).containsEntry("abstentions", 0).containsEntry("suffragesExprimes", 13)
        .containsEntry("voters", 13);
    Map<String, Object> sessionInfo = (Map<String, Object>) record.get("session");
    assertThat(sessionInfo).containsEntry("convocationDate", "2022-06-10").containsEntry("place", PLACE);
    assertThat((Map<String, Object>) sessionInfo.get("presidingMember")).containsEntry("lastName", "MESSEANNE-GROBELNY");
    Map<String, Object> signature = (Map<String, Object>) record.get("signature");
    assertThat(signature).containsEntry("signedBy", "ccoulon").containsEntry("signerName", "M. Christophe COULON");

    // Transmitted and acknowledged (ACTES id: département, SIREN, date of the decision, number), published:
    // enforceable at the later of the two.
    Map<String, Object> transmission = (Map<String, Object>) record.get("transmission");
    assertThat(transmission).containsEntry("status", "ACKNOWLEDGED")
        .containsEntry("actesId", "059-200041036-20220616-2022_14-DE")
        .containsEntry("transmittedAt", "2022-06-17T13:00:00Z").containsEntry("acknowledgedAt", "2022-06-17T13:02:00Z")
        .containsEntry("attempt", 1).containsEntry("gateway", "simulated");
    Map<String, Object> publication = (Map<String, Object>) record.get("publication");
    assertThat(publication).containsEntry("publishedAt", "2022-06-17T13:00:00Z");
    assertThat(record).containsEntry("enforceableAt", "2022-06-17T13:02:00Z");
    byte[] publishedPdf = rest.getForObject("/registre/actes/" + id + "/acte.pdf", byte[].class);
    assertThat(publication.get("sha256")).isEqualTo(fr.comitia.support.Pdfs.sha256(publishedPdf));

    List<Map<String, Object>> notifications = (List<Map<String, Object>>) record.get("notifications");
    assertThat(notifications).hasSize(1);
    assertThat(notifications.get(0)).containsEntry("email", "groupement-ent@region-hdf.example.org")
        .containsEntry("acknowledgedAt", null);
    assertThat(notifications.get(0).get("notifiedAt")).isNotNull();

    List<MimeMessage> sent = Mails.received(smtp, "groupement-ent@region-hdf.example.org", "n° 2022-14");
    assertThat(sent).hasSize(1);
    MimeMessage notification = sent.get(0);
    assertThat(notification.getSubject()).isEqualTo("Notification de la délibération n° 2022-14 — "
        + record.get("object"));
    String body = Mails.text(notification);
    Matcher link = Pattern.compile("https?://[^/\\s]+(/accuse-reception/[A-Za-z0-9_.=-]+)").matcher(body);
    assertThat(link.find()).as(body).isTrue();
    assertThat(link.group()).startsWith(PUBLIC_URL + "/accuse-reception/");
    assertThat(notification.getMessageID()).startsWith("<notification-" + id + "-").endsWith("@deliberations.npdc-numerique.fr>");

    String extract = rest.withBasicAuth("directeur", "directeur-demo")
        .getForObject("/api/deliberations/" + id + "/extract.html", String.class);
    assertThat(extract)
        .contains("DÉLIBÉRATION 2022 – 14")
        .contains("Point n° 1 de l&#39;ordre du jour")
        .contains("EXTRAIT DU REGISTRE DES DELIBERATIONS DU COMITE SYNDICAL")
        .contains("Le seize juin deux mille vingt-deux, le comité syndical du Syndicat mixte ouvert Nord – "
            + "Pas-de-Calais Numérique s&#39;est réuni à Lille, dans les locaux du Conseil régional des "
            + "Hauts-de-France, sur convocation en date du dix juin deux mille vingt-deux, sous la présidence de "
            + "Mme Bénédicte MESSEANNE-GROBELNY.")
        .contains("Le quorum étant atteint, le comité syndical peut valablement délibérer.")
        .contains("Voix pour : 13").contains("Voix contre : 0").contains("Abstentions : 0")
        .contains("Suffrages exprimés : 13").contains("Pour extrait conforme :")
        .contains("Le Président du Syndicat mixte,").contains("M. Christophe COULON")
        .contains("Annexe : Projet de convention de groupement de commandes ENT")
        // The preamble's list stays a list.
        .contains("<p>L&#39;ENT Hauts-de-France a pour finalité :</p>")
        .contains("<li>d&#39;offrir un service unique innovant à toute la communauté éducative")
        .contains("<li>de contribuer à l&#39;égalité des chances en réduisant la fracture numérique liée aux usages,</li>")
        .contains("Transmis au représentant de l&#39;État le dix-sept juin deux mille vingt-deux (accusé de réception "
            + "n° 059-200041036-20220616-2022_14-DE), publié le dix-sept juin deux mille vingt-deux.");
    // The partner received the enforceable extract (the mention in its text), signed.
    assertThat(Mails.fileNames(notification)).contains("extrait-2022-14-executoire.pdf");
    assertThat(fr.comitia.support.Pdfs.text(Mails.attachment(notification, "extrait-2022-14-executoire.pdf")))
        .contains("Transmis au représentant de l'État le dix-sept juin deux mille vingt-deux");

    // The partner opens the link: only the button acknowledges.
    TestRestTemplate anonymous = new TestRestTemplate();
    String base = rest.getRootUri();
    ResponseEntity<String> page = anonymous.getForEntity(base + link.group(1), String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("J'accuse réception de cet acte").contains("<form method=\"post\"");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
    ResponseEntity<String> ack = anonymous.exchange(base + link.group(1), HttpMethod.POST, HttpEntity.EMPTY, String.class);
    assertThat(ack.getBody()).contains("Réception enregistrée");

    Map<String, Object> notified = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(notified).containsEntry("status", "NOTIFIED").containsEntry("enforceableAt", "2022-06-17T13:02:00Z");
    assertThat(((List<Map<String, Object>>) notified.get("notifications")).get(0).get("acknowledgedAt")).isNotNull();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id).singleResult()
        .getEndActivityId()).isEqualTo("deliberationNotified");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(session).count()).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameAttendanceInACgctBodyFindsNoQuorumAndTheSessionGoesToReconvocation() {
    Workflow.clockAt("2022-05-20T09:00:00+02:00");
    Map<String, Object> draft = new java.util.LinkedHashMap<>(flow.resource("/seed/deliberation-2022-14.json"));
    draft.put("bodyId", "conseilcgct");
    String id = flow.submit(draft);
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    Workflow.clockAt("2022-06-01T09:00:00+02:00");
    String session = flow.createSession("conseilcgct", SESSION_DATE, PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(id)));
    Workflow.clockAt("2022-06-10T11:00:00+02:00");
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    Workflow.clockAt(SESSION_DATE);
    flow.executeJobs();
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(
        "attendance", flow.resourceList("/seed/attendance-2022-06-16.json"),
        "presidingMemberId", "bmesseannegrobelny", "sessionSecretaryId", "cbachelet"));

    assertThat(flow.hasTask(session, TASK_RECORD_VOTE)).isFalse();
    assertThat(flow.task(session, TASK_RECONVENE).getName()).isEqualTo("Reconvoquer l'assemblée");
    Map<String, Object> s = flow.get("secretariat", "/api/sessions/" + session);
    assertThat(s).containsEntry("status", "NO_QUORUM");
    Map<String, Object> quorum = (Map<String, Object>) s.get("quorum");
    assertThat(quorum).containsEntry("regime", "LOI_2021_1465").containsEntry("present", 7)
        .containsEntry("required", 8).containsEntry("reached", false);
    assertThat((String) quorum.get("figures")).isEqualTo("7 présents sur 22 membres en exercice, 8 requis");
  }
}
