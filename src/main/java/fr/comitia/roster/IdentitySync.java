package fr.comitia.roster;

import fr.comitia.roster.Organisation.Account;
import fr.comitia.roster.Organisation.Body;
import fr.comitia.roster.Organisation.Member;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings Camunda's users, groups and memberships in line with the organisation file, idempotently:
 * a second run changes nothing. A person removed from the file is locked out (their account stays,
 * so that history keeps their name), and unlocked if they come back.
 */
@Component
class IdentitySync {

  /** Far enough to mean « for good »; Camunda refuses logins before this instant. */
  static final Date LOCKED_FOR_GOOD = new Date(253402214400000L); // 9999-12-31

  private static final Logger log = LoggerFactory.getLogger(IdentitySync.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final IdentityProperties properties;
  private final ProcessEngineConfigurationImpl engineConfiguration;

  IdentitySync(IdentityService identityService, AuthorizationService authorizationService,
      IdentityProperties properties, ProcessEngineConfigurationImpl engineConfiguration) {
    this.engineConfiguration = engineConfiguration;
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.properties = properties;
  }

  /** What a sync changed; empty when Camunda already matched the file. */
  public record Report(List<String> changes) {
    public boolean unchanged() {
      return changes.isEmpty();
    }
  }

  private record Person(String id, String firstName, String lastName, String email, Set<String> groups,
      String initialPassword) {}

  public Report sync(Organisation organisation) {
    List<String> changes = new ArrayList<>();
    for (String groupId : Groups.ROLE_GROUPS) {
      syncGroup(groupId, changes);
    }
    Map<String, Person> people = people(organisation);
    for (Person person : people.values()) {
      syncUser(person, changes);
    }
    for (String groupId : Groups.ROLE_GROUPS) {
      for (User user : identityService.createUserQuery().memberOfGroup(groupId).list()) {
        Person person = people.get(user.getId());
        if (person == null) {
          lockOut(user, changes);
        } else if (!person.groups().contains(groupId)) {
          identityService.deleteMembership(user.getId(), groupId);
          changes.add("retrait de " + user.getId() + " du groupe " + groupId);
        }
      }
    }
    if (!changes.isEmpty()) {
      log.info("Synchronisation des identités : {}", changes);
    }
    return new Report(List.copyOf(changes));
  }

  private Map<String, Person> people(Organisation organisation) {
    Map<String, Person> people = new LinkedHashMap<>();
    Set<String> presidents = new HashSet<>();
    for (Body body : organisation.bodies()) {
      presidents.add(body.presidentId());
    }
    for (Member m : organisation.members()) {
      Set<String> groups = new TreeSet<>(Set.of(Groups.MEMBER));
      if (presidents.contains(m.id())) {
        groups.add(Groups.PRESIDENT);
      }
      people.put(m.id(), new Person(m.id(), m.firstName(), m.lastName(), m.email(), groups,
          properties.memberInitialPassword()));
    }
    for (Account a : organisation.accounts()) {
      people.put(a.id(), new Person(a.id(), a.firstName(), a.lastName(), a.email(), new TreeSet<>(a.groups()),
          properties.initialPasswords().get(a.id())));
    }
    return people;
  }

  private void syncGroup(String groupId, List<String> changes) {
    Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
    String name = Groups.NAMES.get(groupId);
    if (group == null) {
      group = identityService.newGroup(groupId);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
      changes.add("groupe " + groupId + " créé");
    } else if (!name.equals(group.getName())) {
      group.setName(name);
      identityService.saveGroup(group);
      changes.add("groupe " + groupId + " renommé");
    }
    for (Grant grant : GRANTS) {
      if (grant.groupId().equals(groupId)) {
        syncGrant(grant, changes);
      }
    }
  }

  /** What each group may do in Camunda, beside the tasks it is a candidate for. */
  record Grant(String groupId, Resources resource, String resourceId, List<Permission> permissions) {}

  static final List<Grant> GRANTS = List.of(
      new Grant(Groups.DRAFTER, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
      new Grant(Groups.DIRECTOR, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
      new Grant(Groups.SECRETARIAT, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
      new Grant(Groups.PRESIDENT, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
      new Grant(Groups.MEMBER, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)),
      // Start a deliberation (API or Tasklist start form) and follow it.
      new Grant(Groups.DRAFTER, Resources.PROCESS_DEFINITION, "deliberation",
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE, Permissions.READ_HISTORY)),
      new Grant(Groups.DIRECTOR, Resources.PROCESS_DEFINITION, "deliberation",
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE, Permissions.READ_HISTORY,
              Permissions.READ_INSTANCE)),
      new Grant(Groups.SECRETARIAT, Resources.PROCESS_DEFINITION, "deliberation",
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE, Permissions.READ_HISTORY,
              Permissions.READ_INSTANCE)),
      new Grant(Groups.SECRETARIAT, Resources.PROCESS_DEFINITION, "session",
          List.of(Permissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE, Permissions.READ_HISTORY,
              Permissions.READ_INSTANCE)),
      new Grant(Groups.PRESIDENT, Resources.PROCESS_DEFINITION, "deliberation",
          List.of(Permissions.READ, Permissions.READ_HISTORY)),
      new Grant(Groups.PRESIDENT, Resources.PROCESS_DEFINITION, "session",
          List.of(Permissions.READ, Permissions.READ_HISTORY)),
      new Grant(Groups.DIRECTOR, Resources.PROCESS_DEFINITION, "session",
          List.of(Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE)),
      // The approved minutes: signed by the president, countersigned by a member (the session's secretary).
      new Grant(Groups.PRESIDENT, Resources.PROCESS_DEFINITION, "minutes",
          List.of(Permissions.READ, Permissions.READ_HISTORY)),
      new Grant(Groups.MEMBER, Resources.PROCESS_DEFINITION, "minutes", List.of(Permissions.READ)),
      new Grant(Groups.SECRETARIAT, Resources.PROCESS_DEFINITION, "minutes",
          List.of(Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE)),
      new Grant(Groups.DIRECTOR, Resources.PROCESS_DEFINITION, "minutes",
          List.of(Permissions.READ, Permissions.READ_HISTORY, Permissions.READ_INSTANCE)),
      new Grant(Groups.DRAFTER, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.CREATE)),
      new Grant(Groups.DIRECTOR, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.CREATE)),
      new Grant(Groups.SECRETARIAT, Resources.PROCESS_INSTANCE, "*", List.of(Permissions.CREATE)));

  private void syncGrant(Grant grant, List<String> changes) {
    Authorization existing = authorizationService.createAuthorizationQuery()
        .groupIdIn(grant.groupId()).resourceType(grant.resource()).resourceId(grant.resourceId())
        .authorizationType(Authorization.AUTH_TYPE_GRANT).list().stream().findFirst().orElse(null);
    if (existing == null) {
      Authorization created = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      created.setGroupId(grant.groupId());
      created.setResource(grant.resource());
      created.setResourceId(grant.resourceId());
      grant.permissions().forEach(created::addPermission);
      authorizationService.saveAuthorization(created);
      changes.add("droits " + grant.resource().resourceName() + " " + grant.resourceId() + " accordés au groupe "
          + grant.groupId());
      return;
    }
    List<Permission> missing = grant.permissions().stream().filter(p -> !existing.isPermissionGranted(p)).toList();
    if (!missing.isEmpty()) {
      missing.forEach(existing::addPermission);
      authorizationService.saveAuthorization(existing);
      changes.add("droits " + grant.resource().resourceName() + " " + grant.resourceId() + " complétés pour le groupe "
          + grant.groupId());
    }
  }

  private void syncUser(Person person, List<String> changes) {
    User user = identityService.createUserQuery().userId(person.id()).singleResult();
    if (user == null) {
      user = identityService.newUser(person.id());
      user.setFirstName(person.firstName());
      user.setLastName(person.lastName());
      user.setEmail(person.email());
      user.setPassword(person.initialPassword() != null ? person.initialPassword() : randomPassword());
      identityService.saveUser(user);
      changes.add("utilisateur " + person.id() + " créé");
    } else {
      boolean locked = isLocked(user);
      if (!Objects.equals(user.getFirstName(), person.firstName())
          || !Objects.equals(user.getLastName(), person.lastName())
          || !Objects.equals(user.getEmail(), person.email())) {
        user.setFirstName(person.firstName());
        user.setLastName(person.lastName());
        user.setEmail(person.email());
        identityService.saveUser(user);
        changes.add("utilisateur " + person.id() + " mis à jour");
      }
      if (locked) {
        identityService.unlockUser(person.id());
        changes.add("utilisateur " + person.id() + " réactivé");
      }
    }
    for (String groupId : person.groups()) {
      if (identityService.createUserQuery().userId(person.id()).memberOfGroup(groupId).count() == 0) {
        identityService.createMembership(person.id(), groupId);
        changes.add(person.id() + " ajouté au groupe " + groupId);
      }
    }
  }

  private void lockOut(User user, List<String> changes) {
    if (isLocked(user)) {
      return;
    }
    // Camunda's own lock (the one failed logins set), made permanent: unlockUser() lifts it.
    engineConfiguration.getCommandExecutorTxRequired().execute(context -> {
      UserEntity entity = (UserEntity) context.getReadOnlyIdentityProvider().findUserById(user.getId());
      context.getIdentityInfoManager()
          .updateUserLock(entity, engineConfiguration.getLoginMaxAttempts(), LOCKED_FOR_GOOD);
      return null;
    });
    changes.add("utilisateur " + user.getId() + " désactivé (retiré de l'organisation)");
  }

  /** True when Camunda refuses this user's logins until further notice. */
  public boolean isLocked(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    return user != null && isLocked(user);
  }

  private static boolean isLocked(User user) {
    Date lock = ((UserEntity) user).getLockExpirationTime();
    return lock != null && !lock.before(LOCKED_FOR_GOOD);
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
