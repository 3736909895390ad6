package fr.comitia.roster;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.roster.Organisation.Body;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ComitiaTest
class RosterSyncIT {

  @Autowired Organisation organisation;
  @Autowired IdentitySync identitySync;
  @Autowired RegisterRosterSync registerSync;
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired BodyDirectory directory;
  @Autowired JdbcClient jdbc;
  @Autowired fr.comitia.register.RegisterNumbering numbering;

  @Test
  void theTwentyTwoMembersAndTheRolesLandInCamunda() {
    // The 22 members of the comité syndical and the 3 substitutes of the Collège ENT delegates.
    List<User> members = identityService.createUserQuery().memberOfGroup(Groups.MEMBER).list();
    assertThat(members).hasSize(25);
    assertThat(members).extracting(User::getId).contains("vbiegalski", "bmesseannegrobelny", "jldauchy",
        "mdelattre", "pcarpentier", "jbrunet");
    User monnet = identityService.createUserQuery().userId("lmonnet").singleResult();
    assertThat(monnet.getFirstName()).isEqualTo("Luc");
    assertThat(monnet.getLastName()).isEqualTo("MONNET");
    assertThat(monnet.getEmail()).isEqualTo("luc.monnet@elus.example.org");

    assertThat(identityService.createUserQuery().memberOfGroup(Groups.PRESIDENT).list())
        .extracting(User::getId).containsExactly("ccoulon");
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.DIRECTOR).list())
        .extracting(User::getId).containsExactly("directeur");
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.SECRETARIAT).list())
        .extracting(User::getId).containsExactly("secretariat");
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.DRAFTER).list())
        .extracting(User::getId).containsExactly("redacteur");
    assertThat(identityService.createGroupQuery().groupId(Groups.SECRETARIAT).singleResult().getName())
        .isEqualTo("Secrétariat des assemblées");
    for (String group : Groups.ROLE_GROUPS) {
      assertThat(authorizationService.createAuthorizationQuery().groupIdIn(group)
          .resourceType(Resources.APPLICATION).resourceId("tasklist").hasPermission(Permissions.ACCESS).count())
          .as("Tasklist access of %s", group).isEqualTo(1);
    }
    assertThat(identityService.checkPassword("directeur", "directeur-demo")).isTrue();
    assertThat(identityService.checkPassword("ccoulon", "membre-demo")).isTrue();
  }

  @Test
  void theRegisterKnowsTheMembersInOfficeByDate() {
    Body comite = organisation.body("comitesyndical").orElseThrow();
    List<BodyDirectory.Seat> seats = directory.inOffice(comite, LocalDate.of(2022, 6, 16));
    assertThat(seats).hasSize(22);
    assertThat(seats.get(0).fullName()).isEqualTo("Mme Valérie BIEGALSKI");
    assertThat(seats.get(0).collectivity()).isEqualTo("Conseil régional des Hauts-de-France");
    assertThat(seats.get(9).fullName()).isEqualTo("M. Benoît TIRMARCHE");
    assertThat(seats).filteredOn(s -> s.role().equals("PRESIDENT")).extracting(BodyDirectory.Seat::id)
        .containsExactly("ccoulon");
    assertThat(directory.inOffice(comite, LocalDate.of(2021, 8, 31))).isEmpty();
    assertThat(jdbc.sql("select next_number from comitia.register_counter where body_id = 'comitesyndical' and year = 2022")
        .query(Integer.class).single()).isEqualTo(14);
  }

  @Test
  void aSecondSyncChangesNothing() {
    int revisions = revisions();
    assertThat(identitySync.sync(organisation).unchanged()).isTrue();
    assertThat(registerSync.sync(organisation)).isEmpty();
    assertThat(numbering.resume(organisation)).as("the register's numbering already resumed at start-up").isEmpty();
    assertThat(revisions()).isEqualTo(revisions);
  }

  @Test
  void aRemovedMemberIsLockedOutNotDeletedAndComesBackWhenRestored() {
    Organisation without = withoutMember(organisation, "lfoutry");
    try {
      IdentitySync.Report report = identitySync.sync(without);
      registerSync.sync(without);

      assertThat(report.changes()).contains("utilisateur lfoutry désactivé (retiré de l'organisation)");
      User foutry = identityService.createUserQuery().userId("lfoutry").singleResult();
      assertThat(foutry).as("kept for history").isNotNull();
      assertThat(foutry.getLastName()).isEqualTo("FOUTRY");
      assertThat(identitySync.isLocked("lfoutry")).isTrue();
      assertThat(identityService.checkPassword("lfoutry", "membre-demo")).isFalse();
      assertThat(identityService.checkPassword("lmonnet", "membre-demo")).isTrue();
      assertThat(identitySync.sync(without).unchanged()).as("locking twice changes nothing").isTrue();

      Body comite = without.body("comitesyndical").orElseThrow();
      assertThat(directory.inOffice(comite, LocalDate.now())).hasSize(21);
      assertThat(directory.inOffice(comite, LocalDate.of(2022, 6, 16))).hasSize(22);
      assertThat(jdbc.sql("select active from comitia.member where id = 'lfoutry'").query(Boolean.class).single())
          .isFalse();
    } finally {
      IdentitySync.Report back = identitySync.sync(organisation);
      registerSync.sync(organisation);
      assertThat(back.changes()).contains("utilisateur lfoutry réactivé");
    }
    assertThat(identityService.checkPassword("lfoutry", "membre-demo")).isTrue();
    assertThat(directory.inOffice(organisation.body("comitesyndical").orElseThrow(), LocalDate.now())).hasSize(22);
  }

  private int revisions() {
    return jdbc.sql("select coalesce(sum(rev_), 0) from act_id_user").query(Integer.class).single()
        + jdbc.sql("select coalesce(sum(rev_), 0) from act_id_group").query(Integer.class).single()
        + jdbc.sql("select count(*) from act_id_membership").query(Integer.class).single()
        + jdbc.sql("select count(*) from act_ru_authorization").query(Integer.class).single();
  }

  static Organisation withoutMember(Organisation org, String memberId) {
    List<Body> bodies = new ArrayList<>();
    for (Body b : org.bodies()) {
      bodies.add(new Body(b.id(), b.name(), b.assemblyName(), b.presidentTitle(), b.presidentId(),
          b.memberIds().stream().filter(id -> !id.equals(memberId)).toList(), b.inOfficeSince(), b.rules(),
          b.firstNumberOfYear(), b.substitutes()));
    }
    return new Organisation(org.id(), org.name(), org.shortName(), org.kind(), org.email(), org.collectivities(),
        org.members().stream().filter(m -> !m.id().equals(memberId)).toList(), bodies, org.partners(),
        org.accounts(), org.siret(), org.departement());
  }
}
