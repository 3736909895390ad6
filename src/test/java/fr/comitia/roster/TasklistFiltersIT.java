package fr.comitia.roster;

import static fr.comitia.deliberation.DeliberationVariables.TASK_FOLLOW_UP;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVISE;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECONVENE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.support.Workflow;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** The Tasklist filters of each role: created at start, readable by their group only, kept in line. */
@ComitiaTest
class TasklistFiltersIT {

  @Autowired FilterService filterService;
  @Autowired AuthorizationService authorizationService;
  @Autowired TasklistFilters filters;
  @Autowired TestRestTemplate rest;
  @Autowired Workflow flow;

  @Test
  void eachRoleHasOneFilterOfItsTasksReadByItsGroup() {
    Map<String, List<String>> expected = Map.of(
        "Mes validations", List.of(TASK_REVIEW, TASK_FOLLOW_UP,
            fr.comitia.deliberation.DeliberationVariables.TASK_HANDLE_TRANSMISSION),
        "Séances", List.of(TASK_BUILD_AGENDA, TASK_ROLL_CALL, TASK_RECORD_VOTE, TASK_RECONVENE, TASK_CLOSE,
            fr.comitia.session.SessionVariables.TASK_PUBLISH_DELIBERATIONS_LIST,
            fr.comitia.minutes.MinutesVariables.TASK_PUBLISH_MINUTES),
        "Signatures", List.of(TASK_SIGN_CONVOCATION, TASK_SIGN, fr.comitia.minutes.MinutesVariables.TASK_SIGN_MINUTES),
        "Mes projets", List.of(TASK_REVISE),
        "Procès-verbaux à contresigner", List.of(fr.comitia.minutes.MinutesVariables.TASK_COUNTERSIGN_MINUTES));
    Map<String, String> groups = Map.of("Mes validations", "director", "Séances", "secretariat",
        "Signatures", "president", "Mes projets", "drafter", "Procès-verbaux à contresigner", "member");
    expected.forEach((name, keys) -> {
      List<Filter> found = filterService.createFilterQuery().filterName(name).list();
      assertThat(found).as(name).hasSize(1);
      Filter filter = found.get(0);
      assertThat(List.of(((TaskQueryImpl) filter.getQuery()).getKeys())).as(name).isEqualTo(keys);
      assertThat(filter.getProperties()).containsKeys("color", "description", "priority", "refresh")
          .containsEntry("refresh", true);
      assertThat(authorizationService.isUserAuthorized(null, List.of(groups.get(name)), Permissions.READ,
          Resources.FILTER, filter.getId())).as(name).isTrue();
      if (!groups.get(name).equals("member")) {
        assertThat(authorizationService.isUserAuthorized(null, List.of("member"), Permissions.READ,
            Resources.FILTER, filter.getId())).as(name).isFalse();
      }
    });
    assertThat(filters.sync()).as("a second start changes nothing").isEmpty();
  }

  @Test
  void aFilterChangedByHandIsBroughtBackInLine() {
    Filter filter = filterService.createFilterQuery().filterName("Signatures").singleResult();
    filter.setProperties(Map.of("color", "#000000", "description", "modifié"));
    filterService.saveFilter(filter);
    assertThat(filters.sync()).containsExactly("filtre « Signatures » mis à jour");
    assertThat(filterService.getFilter(filter.getId()).getProperties())
        .containsEntry("description", "Convocations, extraits du registre et procès-verbaux à signer");
  }

  @Test
  void eachUserListsTheTasksOfTheirOwnFilterOnly() {
    Workflow.clockAt("2022-05-20T09:00:00+02:00");
    String id = flow.submit(flow.resource("/seed/deliberation-2022-14.json"));
    String taskId = flow.task(id, TASK_REVIEW).getId();

    assertThat(filterNames("directeur")).containsExactly("Mes validations");
    assertThat(filterNames("secretariat")).containsExactly("Séances");
    assertThat(filterNames("redacteur")).containsExactly("Mes projets");
    // The president is a member too: the minutes of a session they were secretary of come to them.
    assertThat(filterNames("ccoulon")).containsExactlyInAnyOrder("Signatures", "Procès-verbaux à contresigner");
    assertThat(filterNames("lmonnet")).containsExactly("Procès-verbaux à contresigner");

    String validations = filterService.createFilterQuery().filterName("Mes validations").singleResult().getId();
    List<Map<String, Object>> tasks = get("directeur", "/engine-rest/filter/" + validations + "/list").getBody();
    assertThat(tasks).extracting(t -> t.get("id")).contains(taskId);
    // A member may neither read the director's filter nor see the task.
    assertThat(flow.as("lmonnet").getForEntity("/engine-rest/filter/" + validations + "/list", String.class)
        .getStatusCode().is4xxClientError()).isTrue();
    assertThat(get("lmonnet", "/engine-rest/task?taskDefinitionKey=reviewDraft").getBody()).isEmpty();
  }

  private List<String> filterNames(String user) {
    return get(user, "/engine-rest/filter?resourceType=Task").getBody().stream()
        .map(f -> (String) f.get("name")).toList();
  }

  private ResponseEntity<List<Map<String, Object>>> get(String user, String path) {
    ResponseEntity<List<Map<String, Object>>> response = rest.withBasicAuth(user,
        Workflow.PASSWORDS.getOrDefault(user, "membre-demo")).exchange(path, HttpMethod.GET, null,
        new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).as("GET %s as %s", path, user).isEqualTo(200);
    return response;
  }
}
