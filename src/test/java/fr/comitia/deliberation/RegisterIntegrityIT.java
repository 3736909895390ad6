package fr.comitia.deliberation;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVISE;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.ComitiaTest;
import fr.comitia.support.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nothing rewrites an adopted act: ids are Comitia's whatever starts the process, a numbered act's
 * text, vote and number are frozen in the register itself, numbering needs the register's vote, and
 * the president signs exactly the text that was voted.
 */
@ComitiaTest
class RegisterIntegrityIT {

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;
  @Autowired Workflow flow;

  /** The seed's 2022-14 adopted and numbered, « Signer l'extrait » open for the president. */
  private String adoptedAwaitingSignature() {
    String id = flow.seedAdopted("Lille").deliberationId();
    assertThat((String) flow.get("directeur", "/api/deliberations/" + id).get("number")).matches("2022-\\d+");
    assertThat(flow.hasTask(id, TASK_SIGN)).isTrue();
    return id;
  }

  private static Map<String, Object> rewrittenDraft() {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("bodyId", Map.of("value", "comitesyndical", "type", "String"));
    variables.put("object", Map.of("value", "Texte réécrit par un tiers", "type", "String"));
    variables.put("articles", Map.of("value", "[{\"verb\":\"DECIDE\",\"text\":\"de tout autre chose.\"}]",
        "type", "Json"));
    return variables;
  }

  private ResponseEntity<Map<String, Object>> engineStart(String user, String process, String businessKey,
      Map<String, Object> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("variables", variables);
    if (businessKey != null) {
      body.put("businessKey", businessKey);
    }
    return flow.post(user, "/engine-rest/process-definition/key/" + process + "/start", body);
  }

  private String object(String id) {
    return jdbc.sql("select object from comitia.deliberation where id = :id").param("id", id)
        .query(String.class).single();
  }

  @Test
  void aStartNamingAnExistingDeliberationIsRefusedAndTheNumberedActStaysAsVoted() {
    String id = adoptedAwaitingSignature();
    String voted = object(id);
    Object number = flow.get("directeur", "/api/deliberations/" + id).get("number");

    ResponseEntity<Map<String, Object>> replay = engineStart("redacteur", "deliberation", id, rewrittenDraft());
    assertThat(replay.getStatusCode().value()).isEqualTo(400);
    assertThat((String) replay.getBody().get("message"))
        .contains("La délibération « " + id + " » existe déjà : un second processus ne peut pas la reprendre");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(id).taskDefinitionKey(TASK_REVISE).count())
        .isZero();
    assertThat(object(id)).isEqualTo(voted);

    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.prefectureAcknowledges();
    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(record).containsEntry("object", voted).containsEntry("number", number);
    String extract = rest.withBasicAuth("directeur", "directeur-demo")
        .getForObject("/api/deliberations/" + id + "/extract.html", String.class);
    assertThat(extract).doesNotContain("Texte réécrit").contains("Adhésion au groupement de commandes");
  }

  @Test
  void nobodySquatsTheNextIdAndAStartWithoutBusinessKeyGetsComitiasId() {
    String next = "D" + jdbc.sql("select case when is_called then last_value + 1 else last_value end "
        + "from comitia.deliberation_seq").query(Long.class).single();
    int before = jdbc.sql("select count(*) from comitia.deliberation").query(Integer.class).single();
    ResponseEntity<Map<String, Object>> squat = engineStart("redacteur", "deliberation", next, rewrittenDraft());
    assertThat(squat.getStatusCode().value()).isEqualTo(400);
    assertThat((String) squat.getBody().get("message"))
        .contains("L'identifiant d'une délibération est attribué par Comitia : démarrez le processus sans clé métier "
            + "(reçu « " + next + " »)");
    assertThat(jdbc.sql("select count(*) from comitia.deliberation").query(Integer.class).single()).isEqualTo(before);

    String secretariats = flow.submit(flow.resource("/seed/deliberation-2022-14.json"));
    assertThat(object(secretariats)).startsWith("Adhésion au groupement de commandes");

    // Tasklist's start (and the engine REST API without a business key) gets the next id of the register.
    ResponseEntity<Map<String, Object>> tasklist = engineStart("redacteur", "deliberation", null, rewrittenDraft());
    assertThat(tasklist.getStatusCode().value()).isEqualTo(200);
    String given = (String) tasklist.getBody().get("businessKey");
    assertThat(given).matches("D\\d+").isNotEqualTo(secretariats);
    assertThat(object(given)).isEqualTo("Texte réécrit par un tiers");
  }

  @Test
  void aSessionStartNamingAnExistingSessionIsRefused() {
    String session = flow.createSession("comitesyndical", "2031-06-16T10:00:00+02:00", "Lille");
    ResponseEntity<Map<String, Object>> replay = engineStart("secretariat", "session", session, Map.of(
        "bodyId", Map.of("value", "comitesyndical", "type", "String"),
        "sessionDate", Map.of("value", "2031-07-01T10:00:00+02:00", "type", "String"),
        "place", Map.of("value", "Ailleurs", "type", "String")));
    assertThat(replay.getStatusCode().value()).isEqualTo(400);
    assertThat((String) replay.getBody().get("message")).contains("La séance « " + session + " » existe déjà");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(session).count()).isEqualTo(1);
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("place", "Lille");
  }

  @Test
  void theRegisterItselfRefusesToRewriteANumberedActWhateverWritesToIt() {
    String id = adoptedAwaitingSignature();
    assertThatThrownBy(() -> jdbc.sql("update comitia.deliberation set object = 'autre' where id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("est numérotée : son texte, son vote, son "
            + "numéro et sa classification ne changent plus");
    // Its place in the prefecture's classification is frozen with it.
    assertThatThrownBy(() -> jdbc.sql("update comitia.deliberation set matiere = '7.1' where id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("sa classification ne changent plus");
    assertThatThrownBy(() -> jdbc.sql("update comitia.deliberation set nature = '2' where id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> jdbc.sql("update comitia.deliberation set number = '2022-99' where id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class);
    assertThatThrownBy(() -> jdbc.sql("delete from comitia.deliberation_annex where deliberation_id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("ses annexes ne changent plus");
    assertThatThrownBy(() -> jdbc.sql("update comitia.vote set votes_for = 1 where deliberation_id = :id")
        .param("id", id).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("il ne change plus");
    // Its status and signature still move on.
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "SIGNED");
  }

  @Test
  void thePresidentSignsOnlyTheTextThatWasVoted() {
    String id = adoptedAwaitingSignature();
    String voted = object(id);
    // An operator who bypasses the register's guard (superuser, trigger disabled) changes the text.
    rewriteBehindTheRegistersBack(id, voted + " (modifié après le vote)");
    String refusal = flow.completeRefused("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    assertThat(refusal).contains("Signature refusée : le texte de la délibération « " + id
        + " » n'est plus celui qui a été voté");
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "ADOPTED");

    rewriteBehindTheRegistersBack(id, voted);
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.prefectureAcknowledges();
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("object", voted);
  }

  private void rewriteBehindTheRegistersBack(String id, String object) {
    jdbc.sql("alter table comitia.deliberation disable trigger deliberation_frozen").update();
    try {
      jdbc.sql("update comitia.deliberation set object = :object where id = :id").param("id", id)
          .param("object", object).update();
    } finally {
      jdbc.sql("alter table comitia.deliberation enable trigger deliberation_frozen").update();
    }
  }

  @Test
  void aVoteRecordedMessageFromOutsideTheSessionNumbersNothing() {
    String id = flow.submit(flow.resource("/seed/deliberation-2022-14.json"));
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    // The administrator may correlate messages over the engine REST API: the register has no vote.
    ResponseEntity<Map<String, Object>> scheduled = flow.post("admin", "/engine-rest/message", Map.of(
        "messageName", "DeliberationScheduled", "businessKey", id,
        "processVariables", Map.of("sessionId", Map.of("value", "S999", "type", "String"))));
    assertThat(scheduled.getStatusCode().value()).isLessThan(300);
    ResponseEntity<Map<String, Object>> adopted = flow.post("admin", "/engine-rest/message", Map.of(
        "messageName", "VoteRecorded", "businessKey", id,
        "processVariables", Map.of("outcome", Map.of("value", "ADOPTED", "type", "String"),
            "sessionId", Map.of("value", "S999", "type", "String"))));
    assertThat(adopted.getStatusCode().value()).isEqualTo(400);
    assertThat((String) adopted.getBody().get("message")).contains("Numérotation refusée : le registre n'a pas "
        + "d'adoption de la délibération « " + id + " »");
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("number", null);
  }
}
