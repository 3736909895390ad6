package fr.comitia.session;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.ATTENDANCE;
import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.support.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A completion or a request that breaks a rule is refused with HTTP 400 and a French message
 * naming the rule and its figures; the task stays open and nothing is recorded; the corrected
 * completion then goes through. On the body « bureau »: M. Christophe COULON (president), Mme
 * Bénédicte MESSEANNE-GROBELNY, M. Grégory BARTHOLOMEUS, Mme Anne VANPEENE, M. Luc MONNET; CGCT
 * rules, one proxy per holder outside the health-crisis windows.
 */
@ComitiaTest
class RuleRefusalsIT {

  static final String PLACE = "Lille, siège du Syndicat mixte";

  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired JdbcClient jdbc;
  @Autowired Workflow flow;

  // --- Roll call and proxies ----------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aRollCallBreakingTheProxyRulesIsRefusedAndNothingIsRecorded() {
    String session = openSession("2023-10-02T09:00:00+02:00", "2023-10-16T18:00:00+02:00",
        "Convention de partenariat avec l'université");
    Task rollCall = flow.task(session, TASK_ROLL_CALL);

    assertRollCallRefused(session, rollCall, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "EXCUSED", "lmonnet"),
            line("gbartholomeus", "EXCUSED", "lmonnet"), line("avanpeene", "PRESENT", null),
            line("lmonnet", "PRESENT", null)), "ccoulon",
        "Pouvoir refusé : M. Luc MONNET détient déjà 1 pouvoir, maximum 1 pour cette séance");

    assertRollCallRefused(session, rollCall, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "PRESENT", null),
            line("gbartholomeus", "PRESENT", null), line("avanpeene", "EXCUSED", "lmonnet"),
            line("lmonnet", "EXCUSED", null)), "ccoulon",
        "Pouvoir refusé : M. Luc MONNET ne peut pas recevoir le pouvoir de Mme Anne VANPEENE : il n'est pas présent");

    assertRollCallRefused(session, rollCall, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "PRESENT", null),
            line("gbartholomeus", "PRESENT", null), line("avanpeene", "EXCUSED", "avanpeene"),
            line("lmonnet", "PRESENT", null)), "ccoulon",
        "Pouvoir refusé : Mme Anne VANPEENE ne peut pas se donner pouvoir à elle-même");

    assertRollCallRefused(session, rollCall, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "PRESENT", null),
            line("gbartholomeus", "PRESENT", "lmonnet"), line("avanpeene", "PRESENT", null),
            line("lmonnet", "PRESENT", null)), "ccoulon",
        "Pouvoir refusé : M. Grégory BARTHOLOMEUS est présent et ne peut pas donner pouvoir");

    assertRollCallRefused(session, rollCall, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "PRESENT", null),
            line("gbartholomeus", "PRESENT", null), line("avanpeene", "PRESENT", null)), "ccoulon",
        "Appel incomplet : M. Luc MONNET n'a pas de statut");

    assertRollCallRefused(session, rollCall, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "PRESENT", null),
            line("gbartholomeus", "PRESENT", null), line("avanpeene", "PRESENT", null),
            line("lmonnet", "EXCUSED", null)), "lmonnet",
        "La présidence de séance : M. Luc MONNET n'est pas présent(e).");

    // The session's secretary is named at the start of every sitting (L2121-15).
    assertRollCallRefused(session, rollCall, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "PRESENT", null),
            line("gbartholomeus", "PRESENT", null), line("avanpeene", "PRESENT", null),
            line("lmonnet", "PRESENT", null)), "ccoulon",
        "Le secrétaire de séance est obligatoire (sessionSecretaryId).");

    // Corrected: one proxy to a present member.
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "EXCUSED", "lmonnet"),
            line("gbartholomeus", "PRESENT", null), line("avanpeene", "PRESENT", null),
            line("lmonnet", "PRESENT", null)),
        "presidingMemberId", "ccoulon", "sessionSecretaryId", "avanpeene"));
    Map<String, Object> recorded = flow.get("secretariat", "/api/sessions/" + session);
    assertThat(recorded).containsEntry("status", "IN_SESSION");
    Map<String, Object> attendance = (Map<String, Object>) recorded.get("attendance");
    assertThat(attendance).containsEntry("inOffice", 5).containsEntry("present", 4).containsEntry("excused", 1)
        .containsEntry("proxies", 1);
    assertThat(((List<Map<String, Object>>) attendance.get("members")).get(1))
        .containsEntry("memberId", "bmesseannegrobelny").containsEntry("proxyHolderId", "lmonnet")
        .containsEntry("proxyHolderShortName", "M. MONNET");
    assertThat((Map<String, Object>) recorded.get("presidingMember")).containsEntry("id", "ccoulon");
    assertThat((Map<String, Object>) recorded.get("quorum")).containsEntry("regime", "CGCT_ORDINARY")
        .containsEntry("present", 4).containsEntry("represented", 1).containsEntry("reached", true);
    assertThat(flow.hasTask(session, TASK_ROLL_CALL)).isFalse();
    flow.task(session, TASK_RECORD_VOTE);
  }

  // --- Votes -------------------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void inconsistentOrIncompleteVoteFiguresAreRefusedAndNoVoteIsRecorded() {
    String session = openSession("2025-03-03T09:00:00+01:00", "2025-03-17T18:00:00+01:00",
        "Budget annexe du service de visioconférence");
    String item = (String) ((List<Map<String, Object>>) flow.get("secretariat", "/api/sessions/" + session)
        .get("agenda")).get(0).get("deliberationId");
    // 4 present, Mme VANPEENE excused without proxy: 4 voters.
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, roll(
            line("ccoulon", "PRESENT", null), line("bmesseannegrobelny", "PRESENT", null),
            line("gbartholomeus", "PRESENT", null), line("avanpeene", "EXCUSED", null),
            line("lmonnet", "PRESENT", null)),
        "presidingMemberId", "ccoulon", "sessionSecretaryId", "lmonnet"));
    Task vote = flow.task(session, TASK_RECORD_VOTE);

    assertVoteRefused(session, vote, item, vote(3, 1, 1, 0),
        "Votes incohérents : 5 voix exprimées ou abstentions pour 4 votants");
    assertVoteRefused(session, vote, item, vote(2, 1, 1, 1),
        "Votes incohérents : 4 voix exprimées ou abstentions pour 3 votants");
    Map<String, Object> withoutFor = vote(3, 1, 0, 0);
    withoutFor.remove("votesFor");
    assertVoteRefused(session, vote, item, withoutFor, "Votes incomplets : le nombre de voix pour est obligatoire");

    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, vote(3, 1, 0, 0));
    Map<String, Object> recorded = flow.get("directeur", "/api/deliberations/" + item);
    assertThat(recorded).containsEntry("status", "ADOPTED");
    assertThat((Map<String, Object>) recorded.get("vote")).containsEntry("outcome", "ADOPTED")
        .containsEntry("voters", 4).containsEntry("votesFor", 3).containsEntry("votesAgainst", 1)
        .containsEntry("suffragesExprimes", 4);
    assertThat(((List<Map<String, Object>>) flow.get("secretariat", "/api/sessions/" + session).get("agenda")).get(0))
        .containsEntry("outcome", "ADOPTED");
    flow.task(session, TASK_CLOSE);
  }

  // --- A member cannot do the director's task ---------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aMemberCannotCompleteTheDirectorsReview() {
    Workflow.clockAt("2025-02-03T09:00:00+01:00");
    String id = flow.submit(draft("Charte d'utilisation des outils numériques"));
    Task review = flow.task(id, TASK_REVIEW);

    ResponseEntity<Map<String, Object>> byMember = flow.complete("lmonnet", review, Map.of(APPROVED, true));
    assertThat(byMember.getStatusCode().value()).as(String.valueOf(byMember.getBody())).isNotEqualTo(204)
        .isBetween(400, 499);
    ResponseEntity<Map<String, Object>> byPresident = flow.complete("ccoulon", review, Map.of(APPROVED, true));
    assertThat(byPresident.getStatusCode().value()).as(String.valueOf(byPresident.getBody())).isNotEqualTo(204)
        .isBetween(400, 499);
    assertThat(flow.task(id, TASK_REVIEW).getId()).isEqualTo(review.getId());
    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(record).containsEntry("status", "IN_REVIEW");
    assertThat((List<Object>) record.get("reviews")).isEmpty();

    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "AWAITING_SESSION");
  }

  // --- Bad requests to the API ---------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aDraftWithFaultsIsRefusedWithEveryFaultNamedAndNothingWritten() {
    Workflow.clockAt("2025-02-04T09:00:00+01:00");
    long rows = deliberationRows();
    long instances = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("deliberation").count();
    long running = runtimeService.createProcessInstanceQuery().processDefinitionKey("deliberation").count();

    Map<String, Object> unknownBody = draft("Objet");
    unknownBody.put("bodyId", "conseil");
    assertDraftRefused(unknownBody, "L'assemblée « conseil » est inconnue (déclarées : comitesyndical, bureau).");

    Map<String, Object> noObject = draft("Objet");
    noObject.remove("object");
    assertDraftRefused(noObject, "L'objet de la délibération est obligatoire.");

    Map<String, Object> blankObject = draft("   ");
    assertDraftRefused(blankObject, "L'objet de la délibération est obligatoire.");

    Map<String, Object> noArticle = draft("Objet");
    noArticle.put("articles", List.of());
    assertDraftRefused(noArticle, "La délibération doit comporter au moins un article.");

    Map<String, Object> unknownPartner = draft("Objet");
    unknownPartner.put("partners", List.of(Map.of("partnerId", "prefecturenord")));
    assertDraftRefused(unknownPartner, "Partenaire n° 1 : « prefecturenord » est inconnu (déclarés : regionhdfent).");

    Map<String, Object> badEmail = draft("Objet");
    badEmail.put("partners", List.of(Map.of("partnerId", "regionhdfent"),
        Map.of("name", "Préfecture du Nord", "email", "controle-legalite.nord.example.org")));
    assertDraftRefused(badEmail, "Partenaire n° 2 : adresse électronique invalide « controle-legalite.nord.example.org ».");

    // Every fault at once, each named.
    Map<String, Object> all = draft(null);
    all.put("bodyId", "conseil");
    all.put("articles", List.of());
    all.put("partners", List.of(Map.of("partnerId", "prefecturenord"),
        Map.of("name", "Préfecture du Nord", "email", "controle-legalite@")));
    ResponseEntity<Map<String, Object>> response = flow.post("redacteur", "/api/deliberations", all);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    List<String> faults = (List<String>) response.getBody().get("faults");
    assertThat(faults).containsExactly(
        "L'assemblée « conseil » est inconnue (déclarées : comitesyndical, bureau).",
        "L'objet de la délibération est obligatoire.",
        "La délibération doit comporter au moins un article.",
        "Partenaire n° 1 : « prefecturenord » est inconnu (déclarés : regionhdfent).",
        "Partenaire n° 2 : adresse électronique invalide « controle-legalite@ ».");
    assertThat(response.getBody()).containsEntry("message", "Projet refusé : " + String.join(" ", faults));

    assertThat(deliberationRows()).isEqualTo(rows);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("deliberation").count())
        .isEqualTo(instances);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("deliberation").count())
        .isEqualTo(running);

    // The same draft, corrected, is accepted.
    String id = flow.submit(draft("Charte graphique du Syndicat"));
    assertThat(deliberationRows()).isEqualTo(rows + 1);
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "IN_REVIEW");
  }

  @Test
  void aSessionDateWithoutOffsetIsRefused() {
    Workflow.clockAt("2025-02-05T09:00:00+01:00");
    long rows = jdbc.sql("select count(*) from comitia.assembly_session").query(Long.class).single();
    long instances = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("session").count();

    ResponseEntity<Map<String, Object>> response = flow.post("secretariat", "/api/sessions",
        Map.of("bodyId", "bureau", "sessionDate", "2025-03-10T18:00:00", "place", PLACE));
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat((String) response.getBody().get("message"))
        .isEqualTo("Séance refusée : « sessionDate » doit être une date ISO-8601 avec fuseau, par exemple "
            + "2022-06-16T10:00:00+02:00 (reçu : « 2025-03-10T18:00:00 »).")
        .contains("ISO-8601");

    assertThat(jdbc.sql("select count(*) from comitia.assembly_session").query(Long.class).single()).isEqualTo(rows);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("session").count())
        .isEqualTo(instances);
  }

  // --- Helpers -------------------------------------------------------------------------------------------

  void assertRollCallRefused(String session, Task rollCall, List<Map<String, Object>> attendance, String presiding,
      String expected) {
    String message = flow.completeRefused("secretariat", session, TASK_ROLL_CALL,
        Map.of("attendance", attendance, "presidingMemberId", presiding));
    assertThat(message).isEqualTo(expected);
    assertThat(flow.task(session, TASK_ROLL_CALL).getId()).isEqualTo(rollCall.getId());
    Map<String, Object> s = flow.get("secretariat", "/api/sessions/" + session);
    assertThat(s).as(expected).containsEntry("status", "CONVOKED").containsEntry("attendance", null)
        .containsEntry("quorum", null).containsEntry("presidingMember", null);
    assertThat(flow.hasTask(session, TASK_RECORD_VOTE)).isFalse();
  }

  @SuppressWarnings("unchecked")
  void assertVoteRefused(String session, Task vote, String item, Map<String, Object> figures, String expected) {
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, figures)).isEqualTo(expected);
    assertThat(flow.task(session, TASK_RECORD_VOTE).getId()).isEqualTo(vote.getId());
    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + item);
    assertThat(record).as(expected).containsEntry("vote", null).containsEntry("status", "SCHEDULED")
        .containsEntry("number", null);
    assertThat(((List<Map<String, Object>>) flow.get("secretariat", "/api/sessions/" + session).get("agenda")).get(0))
        .containsEntry("outcome", null);
    assertThat(flow.hasTask(session, TASK_CLOSE)).isFalse();
  }

  void assertDraftRefused(Map<String, Object> draft, String fault) {
    long rows = deliberationRows();
    ResponseEntity<Map<String, Object>> response = flow.post("redacteur", "/api/deliberations", draft);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(400);
    assertThat(response.getBody()).containsEntry("status", 400).containsEntry("faults", List.of(fault))
        .containsEntry("message", "Projet refusé : " + fault);
    assertThat(deliberationRows()).isEqualTo(rows);
  }

  long deliberationRows() {
    return jdbc.sql("select count(*) from comitia.deliberation").query(Long.class).single();
  }

  /** A bureau session with one approved item, convoked at {@code convokedAt}, open at its hour for the roll call. */
  String openSession(String convokedAt, String sessionDate, String object) {
    Workflow.clockAt(convokedAt);
    String item = flow.submit(draft(object));
    flow.completeOk("directeur", item, TASK_REVIEW, Map.of(APPROVED, true));
    String session = flow.createSession("bureau", sessionDate, PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(item)));
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();
    Workflow.clockAt(sessionDate);
    flow.executeJobs();
    return session;
  }

  static Map<String, Object> draft(String object) {
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("bodyId", "bureau");
    draft.put("object", object);
    draft.put("preamble", "Le bureau est invité à se prononcer.");
    draft.put("visas", List.of("Vu le code général des collectivités territoriales,"));
    draft.put("proposal", "Sur proposition du Président");
    draft.put("articles", List.of(Map.of("verb", "DECIDE", "text", "d'approuver le projet qui lui est soumis.")));
    draft.put("matiere", "5.2");
    draft.put("partners", List.of());
    return draft;
  }

  static Map<String, Object> line(String memberId, String status, String proxyHolderId) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("memberId", memberId);
    line.put("status", status);
    line.put("proxyHolderId", proxyHolderId);
    return line;
  }

  @SafeVarargs
  static List<Map<String, Object>> roll(Map<String, Object>... lines) {
    return new ArrayList<>(List.of(lines));
  }

  static Map<String, Object> vote(int votesFor, int against, int abstentions, int notParticipating) {
    Map<String, Object> vote = new LinkedHashMap<>();
    vote.put("votesFor", votesFor);
    vote.put("votesAgainst", against);
    vote.put("abstentions", abstentions);
    vote.put("notParticipating", notParticipating);
    vote.put("secretBallot", false);
    return vote;
  }
}
