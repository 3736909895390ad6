package fr.comitia.session;

import static fr.comitia.session.SessionVariables.ATTENDANCE;
import static fr.comitia.session.SessionVariables.BALLOT;
import static fr.comitia.session.SessionVariables.BALLOTS;
import static fr.comitia.session.SessionVariables.PRESIDING_MEMBER_ID;
import static fr.comitia.session.SessionVariables.SECRET_BALLOT;
import static fr.comitia.session.SessionVariables.SESSION_SECRETARY_ID;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Pdfs;
import fr.comitia.support.Workflow;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Substitutes and remote attendance (issue 13, part 3), on the shipped organisation: in the comité
 * syndical (statuts: a substitute for each Collège ENT delegate, told when needed, no videoconference)
 * a titular excused without proxy calls their substitute, who sits; in the bureau (EPCI regime,
 * L5211-11-1) a member attends by videoconference and no secret ballot is then allowed.
 */
@ComitiaTest
class SubstitutesIT {

  static final String CARPENTIER = "patrick.carpentier@elus.example.org";
  static final String DELATTRE = "martine.delattre@elus.example.org";

  @Autowired Workflow flow;
  @Autowired GreenMail smtp;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired TestRestTemplate rest;

  // --- Comité syndical: a substitute sits ----------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void anExcusedCollegeEntDelegateWithoutProxyCallsTheirSubstituteWhoSitsAndCountsAsPresent() throws Exception {
    String session = flow.convoked("comitesyndical", "2027-05-03", "2027-05-20T10:00:00+02:00");
    String item = item(session);
    flow.executeJobs();
    // INFORMED: the convocation round is the 22 members', no substitute among them.
    assertThat(mailsWithId("convocation-" + session + "-1-")).hasSize(22);
    assertThat(Mails.received(smtp, CARPENTIER, "")).isEmpty();

    TestRestTemplate anonymous = new TestRestTemplate();
    String base = rest.getRootUri();
    String figoureux = Mails.proxyLink(Mails.received(smtp, "andre.figoureux@elus.example.org", "Convocation").get(0));
    String warot = Mails.proxyLink(Mails.received(smtp, "sophie.warot-lemaire@elus.example.org", "Convocation").get(0));

    // Mme WAROT-LEMAIRE gives a proxy: her substitute is not called.
    assertThat(ConvocationMailIT.post(anonymous, base + warot, Map.of("status", "EXCUSED", "holderId", "lmonnet"))
        .getBody()).contains("Votre déclaration est enregistrée.");
    // M. FIGOUREUX is excused without proxy: his substitute is sent the convocation, once.
    assertThat(ConvocationMailIT.post(anonymous, base + figoureux, Map.of("status", "EXCUSED")).getBody())
        .contains("Votre déclaration est enregistrée.");
    flow.executeJobs();
    String noticeId = SubstituteNotices.deliveryId(session, 1, "pcarpentier");
    List<MimeMessage> called = Mails.received(smtp, CARPENTIER, "Convocation");
    assertThat(called).hasSize(1);
    assertThat(called.get(0).getMessageID()).startsWith("<" + noticeId + "@");
    assertThat(called.get(0).getSubject())
        .isEqualTo("Convocation — Comité syndical du jeudi 20 mai 2027 à 10 h 00 (suppléance de M. André FIGOUREUX)");
    assertThat(Mails.text(called.get(0))).contains("M. André FIGOUREUX, dont vous êtes le suppléant au comité syndical, "
        + "a fait savoir qu'il ne pourra pas assister à la séance").contains("Rapport d'activité 2027-05-03");
    assertThat(Mails.received(smtp, DELATTRE, "")).isEmpty();

    // He declares again (absent now), and the mail's job runs a second time: still one mail.
    ConvocationMailIT.post(anonymous, base + figoureux, Map.of("status", "ABSENT"));
    runtimeService.startProcessInstanceByKey("mailDelivery", noticeId);
    flow.executeJobs();
    assertThat(Mails.received(smtp, CARPENTIER, "")).hasSize(1);
    assertThat(Mails.withMessageId(smtp, "<" + noticeId + "@comitia.example.org>")).hasSize(1);

    Workflow.clockAt("2027-05-20T10:00:00+02:00");
    flow.executeJobs();
    // The form shows each titular's substitute, from the server.
    Task rollCall = flow.task(session, TASK_ROLL_CALL);
    List<Map<String, Object>> rows = (List<Map<String, Object>>) org.camunda.spin.Spin.JSON(
        taskService.getVariableLocal(rollCall.getId(), "rollCallMembers").toString()).mapTo(List.class);
    assertThat(rows).filteredOn(r -> r.get("id").equals("afigoureux")).singleElement()
        .satisfies(r -> assertThat((Map<String, Object>) r.get("substitute")).containsEntry("id", "pcarpentier")
            .containsEntry("name", "M. Patrick CARPENTIER"));
    assertThat(rows).filteredOn(r -> r.get("id").equals("lmonnet")).singleElement()
        .satisfies(r -> assertThat(r.get("substitute")).isNull());
    Map<String, Object> preview = (Map<String, Object>) org.camunda.spin.Spin.JSON(
        taskService.getVariableLocal(rollCall.getId(), "quorumPreview").toString()).mapTo(Map.class);
    assertThat(preview).containsEntry("remoteAttendance", "NOT_ALLOWED").containsEntry("remoteAllowed", false);

    // No videoconference in the comité syndical (statuts silent): refused, nothing recorded.
    List<Map<String, Object>> remote = comite();
    set(remote, "lmonnet", "REMOTE", null, null);
    assertThat(flow.completeRefused("secretariat", session, TASK_ROLL_CALL, rollCall(remote)))
        .isEqualTo("Appel refusé : la participation par visioconférence n'est pas prévue par les statuts du comité "
            + "syndical (M. Luc MONNET)");
    // Only his own substitute sits for M. FIGOUREUX.
    List<Map<String, Object>> wrong = comite();
    set(wrong, "afigoureux", "EXCUSED", null, "mdelattre");
    assertThat(flow.completeRefused("secretariat", session, TASK_ROLL_CALL, rollCall(wrong)))
        .isEqualTo("Appel refusé : Mme Martine DELATTRE n'est pas la suppléante de M. André FIGOUREUX (suppléant : "
            + "M. Patrick CARPENTIER)");
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("attendance", null);

    flow.completeOk("secretariat", session, TASK_ROLL_CALL, rollCall(comite()));
    Map<String, Object> sitting = flow.get("secretariat", "/api/sessions/" + session);
    // 11 in person and M. CARPENTIER for M. FIGOUREUX: 12 present, 1 represented, 13 of 22 (12 required).
    assertThat((Map<String, Object>) sitting.get("quorum")).containsEntry("present", 12)
        .containsEntry("represented", 1).containsEntry("counted", 13).containsEntry("required", 12)
        .containsEntry("reached", true);
    Map<String, Object> attendance = (Map<String, Object>) sitting.get("attendance");
    assertThat(attendance).containsEntry("present", 12).containsEntry("substituted", 1).containsEntry("remote", 0)
        .containsEntry("excused", 9).containsEntry("absent", 1).containsEntry("inOffice", 22);
    assertThat((List<Map<String, Object>>) attendance.get("members")).filteredOn(l -> l.get("memberId").equals("afigoureux"))
        .singleElement().satisfies(l -> assertThat(l).containsEntry("status", "EXCUSED")
            .containsEntry("substituteId", "pcarpentier").containsEntry("substituteName", "M. Patrick CARPENTIER"));

    // A public vote by roll call: the substituted seat votes, under its substitute's name.
    List<Map<String, Object>> ballots = new ArrayList<>();
    for (String voter : List.of("vbiegalski", "ebommart", "ccoulon", "adecagny", "lfoutry", "aheusele",
        "yhutchinson", "fleturque", "jmmichalak", "btirmarche", "lmonnet", "swarotlemaire", "afigoureux")) {
      ballots.add(Map.of("memberId", voter, "choice", "FOR"));
    }
    Map<String, Object> vote = Workflow.vote(13, 0, 0);
    vote.put(BALLOT, "ROLL_CALL");
    vote.put(BALLOTS, ballots);
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, vote);
    Map<String, Object> adopted = flow.get("directeur", "/api/deliberations/" + item);
    assertThat(adopted).containsEntry("status", "ADOPTED");
    assertThat((Map<String, Object>) adopted.get("vote")).containsEntry("voters", 13).containsEntry("votesFor", 13);

    String extract = flow.as("directeur").getForObject("/api/deliberations/" + item + "/extract.html", String.class);
    assertThat(extract).contains("M. Patrick CARPENTIER, suppléant de M. André FIGOUREUX")
        .contains("Mme Sophie WAROT-LEMAIRE, M. Patrick CARPENTIER.");
    String pdf = Pdfs.text(flow.as("directeur").getForObject("/api/deliberations/" + item + "/extract.pdf",
        byte[].class));
    assertThat(pdf).contains("suppléant de M. André FIGOUREUX").contains("12 1 9 1");

    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    flow.executeJobs();
    String minutes = Pdfs.text(flow.as("directeur").getForObject("/api/sessions/" + session + "/minutes.pdf",
        byte[].class));
    assertThat(minutes).contains("Suppléants : M. Patrick CARPENTIER, suppléant de M. André FIGOUREUX.")
        .contains("Présents (12) :").doesNotContain("Présents par visioconférence");
  }

  // --- Bureau: a member by videoconference ------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aBureauMemberAttendingByVideoconferenceCountsAsPresentAndForbidsASecretBallot() throws Exception {
    String session = flow.convoked("bureau", "2027-06-01", "2027-06-17T18:00:00+02:00");
    String item = item(session);
    flow.executeJobs();
    Workflow.clockAt("2027-06-17T18:00:00+02:00");
    flow.executeJobs();
    Map<String, Object> preview = (Map<String, Object>) org.camunda.spin.Spin.JSON(taskService
        .getVariableLocal(flow.task(session, TASK_ROLL_CALL).getId(), "quorumPreview").toString()).mapTo(Map.class);
    assertThat(preview).containsEntry("remoteAttendance", "PUBLIC_VOTES_ONLY").containsEntry("remoteAllowed", true);

    // The bureau's statuts give no substitute.
    List<Map<String, Object>> substituted = Workflow.attendance(List.of("ccoulon", "lmonnet", "avanpeene"));
    set(substituted, "gbartholomeus", "EXCUSED", null, "pcarpentier");
    assertThat(flow.completeRefused("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, substituted,
        PRESIDING_MEMBER_ID, "ccoulon", SESSION_SECRETARY_ID, "lmonnet")))
        .isEqualTo("Appel refusé : les statuts du bureau ne prévoient pas de suppléants ; M. Patrick CARPENTIER ne "
            + "peut pas siéger à la place de M. Grégory BARTHOLOMEUS");

    // Mme VANPEENE by videoconference, secretary of the sitting, holding Mme MESSEANNE-GROBELNY's proxy.
    List<Map<String, Object>> lines = Workflow.attendance(List.of("ccoulon", "lmonnet"));
    set(lines, "avanpeene", "REMOTE", null, null);
    set(lines, "bmesseannegrobelny", "EXCUSED", "avanpeene", null);
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, lines,
        PRESIDING_MEMBER_ID, "ccoulon", SESSION_SECRETARY_ID, "avanpeene"));
    Map<String, Object> sitting = flow.get("secretariat", "/api/sessions/" + session);
    assertThat((Map<String, Object>) sitting.get("quorum")).containsEntry("regime", "CGCT_ORDINARY")
        .containsEntry("present", 3).containsEntry("represented", 1).containsEntry("required", 3)
        .containsEntry("reached", true).containsEntry("figures", "3 présents sur 5 membres en exercice, 3 requis");
    assertThat((Map<String, Object>) sitting.get("attendance")).containsEntry("present", 3).containsEntry("remote", 1)
        .containsEntry("excused", 2);

    // No secret ballot while a member attends remotely (L5211-11-1), however it is asked; nothing recorded.
    Task voteTask = flow.task(session, TASK_RECORD_VOTE);
    Map<String, Object> voteView = (Map<String, Object>) org.camunda.spin.Spin.JSON(
        taskService.getVariableLocal(voteTask.getId(), "voteView").toString()).mapTo(Map.class);
    assertThat(voteView).containsEntry("present", 3).containsEntry("represented", 1);
    assertThat((String) voteView.get("secretBallotRefusal")).contains("L5211-11-1");
    Map<String, Object> secret = Workflow.vote(4, 0, 0);
    secret.put(SECRET_BALLOT, true);
    Map<String, Object> secretByBallot = Workflow.vote(4, 0, 0);
    secretByBallot.put(BALLOT, "SECRET");
    for (Map<String, Object> asked : List.of(secret, secretByBallot)) {
      ResponseEntity<Map<String, Object>> refused = flow.complete("secretariat", voteTask, asked);
      assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(400);
      assertThat((String) refused.getBody().get("message")).isEqualTo("Scrutin secret refusé : quand un membre "
          + "participe par visioconférence, le vote a lieu au scrutin public (CGCT L5211-11-1) ; participe à distance : "
          + "Mme Anne VANPEENE.");
    }
    assertThat(flow.task(session, TASK_RECORD_VOTE).getId()).isEqualTo(voteTask.getId());
    assertThat(flow.get("directeur", "/api/deliberations/" + item)).containsEntry("vote", null)
        .containsEntry("status", "SCHEDULED");

    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, Workflow.vote(4, 0, 0));
    assertThat(flow.get("directeur", "/api/deliberations/" + item)).containsEntry("status", "ADOPTED");
    String extract = flow.as("directeur").getForObject("/api/deliberations/" + item + "/extract.html", String.class);
    assertThat(extract).contains("Mme Anne VANPEENE (par visioconférence)");
    String pdf = Pdfs.text(flow.as("directeur").getForObject("/api/deliberations/" + item + "/extract.pdf",
        byte[].class));
    assertThat(pdf).contains("Mme Anne VANPEENE (par visioconférence)").contains("3 0 2 1");

    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    flow.executeJobs();
    String minutes = Pdfs.text(flow.as("directeur").getForObject("/api/sessions/" + session + "/minutes.pdf",
        byte[].class));
    assertThat(minutes).contains("Présents par visioconférence : Mme Anne VANPEENE.").doesNotContain("Suppléants :");
  }

  // --- Helpers ---------------------------------------------------------------------------------------------

  /**
   * The comité syndical at the sitting: 11 present in person, M. FIGOUREUX excused with his substitute
   * sitting, Mme WAROT-LEMAIRE excused with her proxy to M. MONNET, M. DAUCHY absent, the others excused.
   */
  static List<Map<String, Object>> comite() {
    List<String> present = List.of("vbiegalski", "ebommart", "ccoulon", "adecagny", "lfoutry", "aheusele",
        "yhutchinson", "fleturque", "jmmichalak", "btirmarche", "lmonnet");
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String member : List.of("vbiegalski", "ebommart", "ccoulon", "adecagny", "lfoutry", "aheusele",
        "yhutchinson", "fleturque", "jmmichalak", "btirmarche", "gbartholomeus", "lmonnet", "mhquatreboeuf",
        "nsiegler", "avanpeene", "cbachelet", "jcdissaux", "bmesseannegrobelny", "vthiebaut", "swarotlemaire",
        "afigoureux", "jldauchy")) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("memberId", member);
      line.put("status", present.contains(member) ? "PRESENT" : "EXCUSED");
      line.put("proxyHolderId", null);
      lines.add(line);
    }
    set(lines, "swarotlemaire", "EXCUSED", "lmonnet", null);
    set(lines, "afigoureux", "EXCUSED", null, "pcarpentier");
    set(lines, "jldauchy", "ABSENT", null, null);
    return lines;
  }

  /** The one item on the agenda of the session. */
  @SuppressWarnings("unchecked")
  String item(String session) {
    List<Map<String, Object>> agenda = (List<Map<String, Object>>) flow.get("secretariat", "/api/sessions/" + session)
        .get("agenda");
    return (String) agenda.get(0).get("deliberationId");
  }

  static Map<String, Object> rollCall(List<Map<String, Object>> attendance) {
    return Map.of(ATTENDANCE, attendance, PRESIDING_MEMBER_ID, "ccoulon", SESSION_SECRETARY_ID, "lmonnet");
  }

  static void set(List<Map<String, Object>> lines, String member, String status, String holder, String substitute) {
    for (Map<String, Object> line : lines) {
      if (line.get("memberId").equals(member)) {
        line.put("status", status);
        line.put("proxyHolderId", holder);
        line.put("substituteId", substitute);
      }
    }
  }

  List<MimeMessage> mailsWithId(String prefix) throws Exception {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getMessageID() != null && message.getMessageID().startsWith("<" + prefix)) {
        mails.add(message);
      }
    }
    return mails;
  }
}
