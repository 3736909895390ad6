package fr.comitia.web;

import static fr.comitia.session.SessionVariables.ATTENDANCE;
import static fr.comitia.session.SessionVariables.PRESIDING_MEMBER_ID;
import static fr.comitia.session.SessionVariables.URGENCY_REASON;
import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import fr.comitia.platform.RuleViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.ComitiaTest;
import fr.comitia.roster.Organisation;
import fr.comitia.register.QuorumJudgement;
import fr.comitia.session.QuorumService;
import fr.comitia.session.VoteInput;
import fr.comitia.session.VoteRules;
import fr.comitia.support.Workflow;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The read endpoints that Tasklist's forms ask while they are filled in ({@code /api/forms/…}) answer
 * what the completion of the task will decide, with the same figures and the same French words as
 * {@link VoteRules}, the attendance rules, DMN {@code quorum} and the convocation delay: each answer
 * is compared with the rule class itself or with the real completion's refusal.
 */
@ComitiaTest
class FormRulesIT {

  static final String SESSION_DATE = "2022-06-16T10:00:00+02:00";
  static final LocalDate SESSION_DAY = LocalDate.parse("2022-06-16");

  @Autowired TestRestTemplate rest;
  @Autowired QuorumService quorumService;
  @Autowired Organisation organisation;
  final ObjectMapper json = new ObjectMapper();
  @Autowired Workflow flow;

  // --- Vote ------------------------------------------------------------------------------------------

  @Test
  void theVoteCheckAnswersAsVoteRulesAtItsBoundaries() {
    // Consistent figures: 19 for, 1 against, 1 abstention of 21 voters.
    Map<String, Object> adopted = vote("votesFor=19&votesAgainst=1&abstentions=1&notParticipating=0"
        + "&presentOrRepresented=21");
    assertThat(adopted).containsEntry("ok", true).containsEntry("voters", 21).containsEntry("cast", 21)
        .containsEntry("suffrages", 20).containsEntry("tie", false).containsEntry("castingVote", false)
        .containsEntry("outcome", "ADOPTED").containsEntry("message", "Figures cohérentes : la délibération est adoptée.");
    assertThat(vote("votesFor=1&votesAgainst=19&abstentions=1&notParticipating=0&presentOrRepresented=21"))
        .containsEntry("ok", true).containsEntry("outcome", "REJECTED")
        .containsEntry("message", "Figures cohérentes : la délibération est rejetée.");

    // More votes than voters: the voters are still shown, with VoteRules' refusal.
    Map<String, Object> tooMany = vote("votesFor=25&votesAgainst=0&abstentions=0&notParticipating=0"
        + "&presentOrRepresented=21");
    assertThat(tooMany).containsEntry("ok", false).containsEntry("voters", 21).containsEntry("cast", 25)
        .containsEntry("message", refusal(new VoteInput(false, 25, 0, 0, 0, false, null), 21))
        .containsEntry("message", "Votes incohérents : 25 voix exprimées ou abstentions pour 21 votants");
    // Exactly as many as the voters is fine; one less voter (one not taking part) is not.
    assertThat(vote("votesFor=11&votesAgainst=10&abstentions=0&notParticipating=0&presentOrRepresented=21"))
        .containsEntry("ok", true).containsEntry("cast", 21);
    assertThat(vote("votesFor=11&votesAgainst=10&abstentions=0&notParticipating=1&presentOrRepresented=21"))
        .containsEntry("ok", false).containsEntry("voters", 20)
        .containsEntry("message", refusal(new VoteInput(false, 11, 10, 0, 1, false, null), 21));
    assertThat(vote("votesFor=0&votesAgainst=0&abstentions=0&notParticipating=22&presentOrRepresented=21"))
        .containsEntry("ok", false)
        .containsEntry("message", refusal(new VoteInput(false, 0, 0, 0, 22, false, null), 21));

    // A public tie: the presiding member's vote is needed, then decides.
    Map<String, Object> tie = vote("votesFor=10&votesAgainst=10&abstentions=1&notParticipating=0"
        + "&presentOrRepresented=21");
    assertThat(tie).containsEntry("ok", false).containsEntry("tie", true).containsEntry("castingVote", true)
        .containsEntry("suffrages", 20)
        .containsEntry("message", refusal(new VoteInput(false, 10, 10, 1, 0, false, null), 21))
        .containsEntry("message", "Partage des voix : la voix du président de séance est prépondérante, indiquez son vote");
    assertThat(vote("votesFor=10&votesAgainst=10&abstentions=1&notParticipating=0&presentOrRepresented=21"
        + "&presidingVote=FOR")).containsEntry("ok", true).containsEntry("castingVote", true)
        .containsEntry("outcome", "ADOPTED");
    assertThat(vote("votesFor=10&votesAgainst=10&abstentions=1&notParticipating=0&presentOrRepresented=21"
        + "&presidingVote=AGAINST")).containsEntry("ok", true).containsEntry("outcome", "REJECTED");
    // A secret tie rejects, without the presiding member's vote.
    assertThat(vote("votesFor=10&votesAgainst=10&abstentions=1&notParticipating=0&presentOrRepresented=21"
        + "&secretBallot=true")).containsEntry("ok", true).containsEntry("tie", true)
        .containsEntry("castingVote", false).containsEntry("outcome", "REJECTED")
        .containsEntry("message", VoteRules.SECRET_TIE_NOTE);

    // Missing and negative figures: VoteRules' words.
    assertThat(vote("votesAgainst=0&abstentions=0&notParticipating=0&presentOrRepresented=21"))
        .containsEntry("ok", false).containsEntry("message", "Votes incomplets : le nombre de voix pour est obligatoire");
    assertThat(vote("votesFor=1&votesAgainst=0&abstentions=0&presentOrRepresented=21"))
        .containsEntry("message", refusal(new VoteInput(false, 1, 0, 0, null, false, null), 21));
    assertThat(vote("votesFor=-1&votesAgainst=0&abstentions=0&notParticipating=0&presentOrRepresented=21"))
        .containsEntry("ok", false).containsEntry("message", "Votes incohérents : nombre négatif");
  }

  @Test
  void theVoteCheckRefusesUnreadableParametersInFrench() {
    assertBadRequest("secretariat", "/api/forms/vote-check?votesFor=1",
        "Paramètre « presentOrRepresented » obligatoire");
    assertBadRequest("secretariat", "/api/forms/vote-check?presentOrRepresented=-2",
        "Paramètre « presentOrRepresented » obligatoire");
    assertBadRequest("secretariat", "/api/forms/vote-check?presentOrRepresented=21&votesFor=douze",
        "Paramètre « votesFor » invalide : « douze » n'est pas un nombre entier.");
    assertBadRequest("secretariat", "/api/forms/vote-check?presentOrRepresented=21&votesFor=99999999999",
        "Paramètre « votesFor » invalide");
    assertBadRequest("secretariat", "/api/forms/vote-check?presentOrRepresented=21&presidingVote=PEUTETRE",
        "Paramètre « presidingVote » invalide : FOR, AGAINST ou ABSTAIN (reçu : « PEUTETRE »).");
    assertBadRequest("secretariat", "/api/forms/vote-check?presentOrRepresented=21&secretBallot=oui",
        "Paramètre « secretBallot » invalide : true ou false (reçu : « oui »).");
    // Without credentials (no Basic, no Tasklist session): 401; a form's script gets no Basic challenge (the
    // browser would open its login prompt over Tasklist).
    ResponseEntity<String> anonymous = rest.getForEntity("/api/forms/vote-check?presentOrRepresented=21", String.class);
    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    org.springframework.http.HttpHeaders script = new org.springframework.http.HttpHeaders();
    script.add("X-Requested-With", "XMLHttpRequest");
    ResponseEntity<String> fromScript = rest.exchange("/api/forms/vote-check?presentOrRepresented=21", HttpMethod.GET,
        new org.springframework.http.HttpEntity<>(script), String.class);
    assertThat(fromScript.getStatusCode().value()).isEqualTo(401);
    assertThat(fromScript.getHeaders().containsKey("WWW-Authenticate")).isFalse();
  }

  // --- Roll call -------------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void theRollCallCheckAnswersTheQuorumAndTheProxyFaultsAsTheCompletion() throws Exception {
    String session = sessionAtRollCall();
    List<String> ids = ((List<Map<String, Object>>) flow.get("secretariat",
        "/api/bodies/comitesyndical?date=2022-06-16").get("members")).stream().map(m -> (String) m.get("id")).toList();
    assertThat(ids).hasSize(22);
    String presiding = ids.get(0);

    // The seed: 7 present, 6 represented, 9 absent: 13 of 22 under the statuts rule, 12 required.
    List<Map<String, Object>> seed = attendance(ids, 7, 6);
    Map<String, Object> seedCheck = rollCall(session, seed, presiding);
    QuorumJudgement expected = quorumService.judge(SESSION_DAY, organisation.body("comitesyndical").orElseThrow().rules(),
        true, 22, 7, 6);
    assertThat(seedCheck).containsEntry("ok", true).containsEntry("fault", null).containsEntry("inOffice", 22)
        .containsEntry("present", 7).containsEntry("represented", 6).containsEntry("absent", 9)
        .containsEntry("excused", 6).containsEntry("counted", expected.counted())
        .containsEntry("required", expected.required()).containsEntry("reached", expected.reached())
        .containsEntry("rule", expected.ruleLabel()).containsEntry("regime", expected.regime())
        .containsEntry("figures", "13 présents ou représentés sur 22 membres en exercice, 12 requis")
        .containsEntry("sentence", "13 présents ou représentés sur 22 membres en exercice, 12 requis : "
            + "le quorum est atteint.");
    assertThat(expected.counted()).isEqualTo(13);
    assertThat(expected.required()).isEqualTo(12);

    // Quorum 12 of 22: 12 present reach it, 11 do not.
    assertThat(rollCall(session, attendance(ids, 12, 0), presiding)).containsEntry("counted", 12)
        .containsEntry("required", 12).containsEntry("reached", true);
    Map<String, Object> eleven = rollCall(session, attendance(ids, 11, 0), presiding);
    assertThat(eleven).containsEntry("counted", 11).containsEntry("required", 12).containsEntry("reached", false)
        .containsEntry("ok", true)
        .containsEntry("sentence", "11 présents sur 22 membres en exercice, 12 requis : le quorum n'est pas atteint ; "
            + "la séance devra être reconvoquée.");
    assertThat(quorumService.judge(SESSION_DAY, organisation.body("comitesyndical").orElseThrow().rules(), true,
        22, 11, 0).reached()).isFalse();

    // Who may receive a proxy: present members only, not the giver, not one who already holds one.
    Map<String, List<String>> holders = (Map<String, List<String>>) seedCheck.get("holders");
    assertThat(holders).containsOnlyKeys(ids.subList(7, 22));
    assertThat(holders.get(ids.get(7))).containsExactlyElementsOf(List.of(ids.get(0), ids.get(6)));
    assertThat(holders.get(ids.get(20))).containsExactly(ids.get(6));

    // A proxy to an absent member: the completion's refusal, word for word; no quorum is judged.
    List<Map<String, Object>> toAbsent = attendance(ids, 7, 6);
    toAbsent.get(7).put("proxyHolderId", ids.get(21));
    Map<String, Object> absentHolder = rollCall(session, toAbsent, presiding);
    String refused = flow.completeRefused("secretariat", session, TASK_ROLL_CALL,
        Map.of("attendance", toAbsent, "presidingMemberId", presiding));
    assertThat(absentHolder).containsEntry("ok", false).containsEntry("fault", refused)
        .containsEntry("present", null).containsEntry("reached", null);
    assertThat(refused).startsWith("Pouvoir refusé : ").contains(" ne peut pas recevoir le pouvoir de ");

    // Two proxies to one member (one allowed).
    List<Map<String, Object>> twice = attendance(ids, 7, 6);
    twice.get(8).put("proxyHolderId", ids.get(0));
    assertThat(rollCall(session, twice, presiding)).containsEntry("ok", false).containsEntry("fault",
        flow.completeRefused("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, twice, "presidingMemberId",
            presiding)));

    // A proxy given by a present member, one given to oneself.
    List<Map<String, Object>> fromPresent = attendance(ids, 7, 6);
    fromPresent.get(1).put("proxyHolderId", ids.get(2));
    assertThat(rollCall(session, fromPresent, presiding)).containsEntry("fault",
        flow.completeRefused("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, fromPresent,
            "presidingMemberId", presiding)));
    List<Map<String, Object>> self = attendance(ids, 7, 6);
    self.get(9).put("proxyHolderId", ids.get(9));
    assertThat(rollCall(session, self, presiding)).containsEntry("fault",
        flow.completeRefused("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, self, "presidingMemberId",
            presiding)));

    // No presiding member, or an absent one: the quorum is known, the completion still refused.
    Map<String, Object> nobody = rollCall(session, seed, null);
    assertThat(nobody).containsEntry("ok", false).containsEntry("present", 7).containsEntry("reached", true)
        .containsEntry("fault", flow.completeRefused("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, seed)));
    assertThat(rollCall(session, seed, ids.get(21))).containsEntry("fault", flow.completeRefused("secretariat",
        session, TASK_ROLL_CALL, Map.of(ATTENDANCE, seed, PRESIDING_MEMBER_ID, ids.get(21))));

    // What the check accepted, the completion accepts, and the quorum recorded is the one announced.
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, seed, PRESIDING_MEMBER_ID, presiding,
        "sessionSecretaryId", ids.get(1)));
    Map<String, Object> quorum = (Map<String, Object>) flow.get("secretariat", "/api/sessions/" + session).get("quorum");
    assertThat(quorum.toString()).contains("13").contains("12");
    assertThat(flow.hasTask(session, TASK_RECORD_VOTE)).isTrue();
  }

  @Test
  void theRollCallCheckRefusesUnreadableParametersInFrench() throws Exception {
    String session = sessionAtRollCall();
    assertBadRequest("secretariat", "/api/forms/roll-call-check?attendance=%5B%5D",
        "Paramètre « sessionId » obligatoire : l'identifiant de la séance.");
    assertBadRequest("secretariat", "/api/forms/roll-call-check?sessionId=" + session + "&attendance=%7Bpas%20du%20json",
        "Paramètre « attendance » invalide : ce n'est pas un JSON valide.");
    assertBadRequest("secretariat", "/api/forms/roll-call-check?sessionId=" + session,
        "Paramètre « attendance » invalide : « attendance » doit être une liste de {memberId, status, proxyHolderId}");
    assertBadRequest("secretariat", "/api/forms/roll-call-check?sessionId=" + session + "&attendance="
            + encode("[{\"memberId\":\"ccoulon\",\"status\":\"ENDORMI\"}]"),
        "Paramètre « attendance » invalide : Appel refusé : statut « ENDORMI » inconnu (PRESENT, REMOTE, ABSENT ou "
        + "EXCUSED).");
    ResponseEntity<Map<String, Object>> unknown = get("secretariat",
        "/api/forms/roll-call-check?sessionId=S999999&attendance=%5B%5D");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    assertThat(unknown.getBody()).containsEntry("message", "Séance « S999999 » introuvable.");
    // A member has no business with the secretariat's checks.
    ResponseEntity<Map<String, Object>> member = get("lmonnet",
        "/api/forms/roll-call-check?sessionId=" + session + "&attendance=%5B%5D");
    assertThat(member.getStatusCode().value()).isEqualTo(403);
    assertThat(String.valueOf(member.getBody().get("message"))).startsWith("Accès refusé : ");
  }

  // --- Convocation -----------------------------------------------------------------------------------

  @Test
  void theConvocationCheckAnswersTheDelayAsTheSignature() {
    Workflow.clockAt("2022-06-01T09:00:00+02:00");
    String item = flow.approvedDraft("comitesyndical", "Convention de mise à disposition de la plateforme ENT");
    String session = flow.sessionWithAgenda("comitesyndical", SESSION_DATE, List.of(item));

    // Three days before: too late without urgency, in the words of the signature's refusal.
    Workflow.clockAt("2022-06-13T09:00:00+02:00");
    Map<String, Object> late = convocation("ccoulon", session, "");
    assertThat(late).containsEntry("ok", false).containsEntry("today", "2022-06-13")
        .containsEntry("sessionDay", "2022-06-16").containsEntry("clearDays", 2).containsEntry("requiredClearDays", 5)
        .containsEntry("lastDay", "2022-06-10").containsEntry("lastDayLabel", "vendredi 10 juin 2022")
        .containsEntry("urgentRequiredClearDays", 1).containsEntry("urgentLastDay", "2022-06-14")
        .containsEntry("message", flow.completeRefused("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false)))
        .containsEntry("message", "Délai de convocation non respecté : 2 jours francs entre le 13 juin 2022 et le "
            + "16 juin 2022, 5 requis (CGCT L2121-12)");
    // Urgency needs its reason, then one clear day is enough.
    assertThat(convocation("ccoulon", session, "&urgent=true")).containsEntry("ok", false).containsEntry("message",
        flow.completeRefused("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, true, URGENCY_REASON, " ")));
    assertThat(convocation("ccoulon", session, "&urgent=true&urgencyReason=" + encode("Marché à notifier")))
        .containsEntry("ok", true).containsEntry("message",
            "Délai respecté : 2 jours francs entre aujourd'hui et la séance, 1 requis en cas d'urgence.");
    // Only the president signs.
    assertThat(convocation("secretariat", session, "")).containsEntry("ok", false).containsEntry("message",
        "Signature refusée : la convocation est signée par le président, M. Christophe COULON.");
    assertBadRequest("ccoulon", "/api/forms/convocation-check?sessionId=" + session + "&urgent=peut-etre",
        "Paramètre « urgent » invalide : true ou false (reçu : « peut-etre »).");

    // On the last day, the delay holds and the signature goes through.
    Workflow.clockAt("2022-06-10T11:00:00+02:00");
    assertThat(convocation("ccoulon", session, "")).containsEntry("ok", true).containsEntry("clearDays", 5)
        .containsEntry("message", "Délai respecté : 5 jours francs entre aujourd'hui et la séance, 5 requis.");
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
  }

  // --- Helpers ---------------------------------------------------------------------------------------

  private String sessionAtRollCall() {
    Workflow.clockAt("2022-06-01T09:00:00+02:00");
    String item = flow.approvedDraft("comitesyndical", "Adhésion au groupement de commandes ENT");
    String session = flow.sessionWithAgenda("comitesyndical", SESSION_DATE, List.of(item));
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();
    Workflow.clockAt(SESSION_DATE);
    flow.executeJobs();
    assertThat(flow.hasTask(session, TASK_ROLL_CALL)).isTrue();
    return session;
  }

  /** The first {@code present} members present, the next {@code represented} excused with a proxy to one of them each, the rest absent. */
  private static List<Map<String, Object>> attendance(List<String> ids, int present, int represented) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("memberId", ids.get(i));
      boolean isPresent = i < present;
      boolean isRepresented = !isPresent && i < present + represented;
      line.put("status", isPresent ? "PRESENT" : isRepresented ? "EXCUSED" : "ABSENT");
      line.put("proxyHolderId", isRepresented ? ids.get(i - present) : null);
      lines.add(line);
    }
    return lines;
  }

  private Map<String, Object> rollCall(String session, List<Map<String, Object>> attendance, String presiding)
      throws Exception {
    ResponseEntity<Map<String, Object>> response = get("secretariat", "/api/forms/roll-call-check?sessionId="
        + session + "&attendance=" + encode(json.writeValueAsString(attendance))
        + (presiding == null ? "" : "&presidingMemberId=" + presiding)
        + secretary(attendance, presiding).map(s -> "&sessionSecretaryId=" + s).orElse(""));
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
    return response.getBody();
  }

  /** The session's secretary the form would choose: a member present other than the presiding one. */
  private static java.util.Optional<String> secretary(List<Map<String, Object>> attendance, String presiding) {
    return attendance.stream().filter(l -> "PRESENT".equals(l.get("status")) && !l.get("memberId").equals(presiding))
        .map(l -> (String) l.get("memberId")).findFirst();
  }

  private Map<String, Object> vote(String query) {
    ResponseEntity<Map<String, Object>> response = get("secretariat", "/api/forms/vote-check?" + query);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
    return response.getBody();
  }

  private Map<String, Object> convocation(String user, String session, String more) {
    ResponseEntity<Map<String, Object>> response = get(user, "/api/forms/convocation-check?sessionId=" + session + more);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(200);
    return response.getBody();
  }

  private static String refusal(VoteInput input, int presentOrRepresented) {
    return catchThrowableOfType(RuleViolation.class, () -> VoteRules.decide(input, presentOrRepresented)).getMessage();
  }

  private void assertBadRequest(String user, String path, String messageStart) {
    ResponseEntity<Map<String, Object>> response = get(user, path);
    assertThat(response.getStatusCode().value()).as(path + " " + response.getBody()).isEqualTo(400);
    assertThat(String.valueOf(response.getBody().get("message"))).startsWith(messageStart);
  }

  private ResponseEntity<Map<String, Object>> get(String user, String path) {
    // The path is already encoded: no second encoding by the template.
    return flow.as(user).exchange(java.net.URI.create(rest.getRootUri() + path), HttpMethod.GET, null,
        new ParameterizedTypeReference<>() {});
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
