package fr.comitia.roster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import fr.comitia.platform.StartupLock;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One Tasklist filter per role, readable by its group only, created at start and brought back in
 * line when it differs (a second start changes nothing): « Mes validations » (director),
 * « Séances » (secretariat), « Signatures » (president), « Mes projets » (drafter). Each lists
 * the tasks of its role by task id; what a user actually sees in it is still limited by Camunda's
 * authorizations (the tasks of their groups).
 */
@Component
class TasklistFilters {

  private static final Logger log = LoggerFactory.getLogger(TasklistFilters.class);

  /** A filter: its name, its group, the task ids it lists, its look in Tasklist. */
  public record Spec(String name, String groupId, List<String> taskKeys, String color, int priority,
      String description, Map<String, String> variables) {

    Map<String, Object> properties() {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("color", color);
      properties.put("description", description);
      properties.put("priority", priority);
      properties.put("refresh", true);
      properties.put("showUndefinedVariable", false);
      List<Map<String, Object>> shown = new ArrayList<>();
      variables.forEach((name, label) -> shown.add(Map.of("name", name, "label", label)));
      properties.put("variables", shown);
      return properties;
    }
  }

  public static final List<Spec> FILTERS = List.of(
      new Spec("Mes validations", Groups.DIRECTOR, List.of("reviewDraft", "followUpNotification", "handleTransmission"),
          "#1f5fa8", 10, "Projets de délibération à valider, partenaires à relancer, transmissions refusées", ordered("object", "Objet")),
      new Spec("Séances", Groups.SECRETARIAT,
          List.of("buildAgenda", "rollCall", "recordVote", "reconvene", "closeSession", "publishDeliberationsList",
              "publishMinutes"),
          "#2e7d32", 20, "Ordres du jour, appels, votes, reconvocations, clôtures des séances et listes à publier",
          ordered("place", "Lieu de la séance")),
      new Spec("Signatures", Groups.PRESIDENT, List.of("signConvocation", "signExtract", "signMinutes"), "#a0522d", 30,
          "Convocations, extraits du registre et procès-verbaux à signer",
          ordered("object", "Objet", "place", "Lieu de la séance")),
      new Spec("Procès-verbaux à contresigner", Groups.MEMBER, List.of("countersignMinutes"), "#00796b", 35,
          "Procès-verbaux des séances dont vous étiez secrétaire, à contresigner", ordered()),
      new Spec("Mes projets", Groups.DRAFTER, List.of("reviseDraft"), "#6a4c93", 40,
          "Projets de délibération renvoyés par la direction, à corriger", ordered("object", "Objet")));

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;
  private final StartupLock startupLock;

  TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService,
      StartupLock startupLock) {
    this.startupLock = startupLock;
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  @EventListener
  @Order(20)
  void onStarted(ApplicationStartedEvent event) {
    // Two nodes started together would both create the filters: one at a time.
    startupLock.exclusively("filtres de Tasklist", this::sync);
  }

  /** Creates or corrects the filters and their READ authorization; returns what changed. */
  public List<String> sync() {
    List<String> changes = new ArrayList<>();
    for (Spec spec : FILTERS) {
      Filter filter = filterService.createFilterQuery().filterResourceType("Task").filterName(spec.name()).list()
          .stream().findFirst().orElse(null);
      if (filter == null) {
        filter = filterService.newTaskFilter(spec.name());
        filter.setQuery(query(spec));
        filter.setProperties(spec.properties());
        filterService.saveFilter(filter);
        changes.add("filtre « " + spec.name() + " » créé");
      } else if (!matches(filter, spec)) {
        filter.setQuery(query(spec));
        filter.setProperties(spec.properties());
        filterService.saveFilter(filter);
        changes.add("filtre « " + spec.name() + " » mis à jour");
      }
      grantRead(filter, spec, changes);
    }
    if (!changes.isEmpty()) {
      log.info("Filtres de Tasklist : {}", changes);
    }
    return changes;
  }

  private TaskQueryImpl query(Spec spec) {
    return (TaskQueryImpl) taskService.createTaskQuery().taskDefinitionKeyIn(spec.taskKeys().toArray(String[]::new));
  }

  private static boolean matches(Filter filter, Spec spec) {
    TaskQueryImpl query = filter.getQuery();
    String[] keys = query.getKeys();
    return keys != null && Arrays.asList(keys).equals(spec.taskKeys())
        && Objects.equals(filter.getProperties(), spec.properties());
  }

  private void grantRead(Filter filter, Spec spec, List<String> changes) {
    Authorization existing = authorizationService.createAuthorizationQuery().groupIdIn(spec.groupId())
        .resourceType(Resources.FILTER).resourceId(filter.getId()).authorizationType(Authorization.AUTH_TYPE_GRANT)
        .list().stream().findFirst().orElse(null);
    if (existing != null && existing.isPermissionGranted(Permissions.READ)) {
      return;
    }
    Authorization grant = existing != null ? existing
        : authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(spec.groupId());
    grant.setResource(Resources.FILTER);
    grant.setResourceId(filter.getId());
    grant.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(grant);
    changes.add("filtre « " + spec.name() + " » visible du groupe " + spec.groupId());
  }

  private static Map<String, String> ordered(String... nameLabel) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameLabel.length; i += 2) {
      map.put(nameLabel[i], nameLabel[i + 1]);
    }
    return map;
  }
}
