package fr.comitia.session;

import fr.comitia.register.AttendanceEntry;

import fr.comitia.platform.RuleViolation;
import fr.comitia.roster.BodyRules.RemoteAttendance;
import fr.comitia.session.AttendanceRules.Seating;
import static fr.comitia.register.AttendanceStatus.ABSENT;
import static fr.comitia.register.AttendanceStatus.EXCUSED;
import static fr.comitia.register.AttendanceStatus.PRESENT;
import static fr.comitia.register.AttendanceStatus.REMOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Roll call of the seed session (comité syndical, 16 June 2022). */
class AttendanceRulesTest {

  private static final Map<String, String> MEMBERS = new LinkedHashMap<>();

  static {
    MEMBERS.put("vbiegalski", "Mme Valérie BIEGALSKI");
    MEMBERS.put("ebommart", "Mme Emilie BOMMART");
    MEMBERS.put("ccoulon", "M. Christophe COULON");
    MEMBERS.put("adecagny", "M. Arnaud DECAGNY");
    MEMBERS.put("lfoutry", "M. Luc FOUTRY");
    MEMBERS.put("aheusele", "M. Alban HEUSELE");
    MEMBERS.put("yhutchinson", "M. Yvan HUTCHINSON");
    MEMBERS.put("fleturque", "M. Frédéric LETURQUE");
    MEMBERS.put("jmmichalak", "M. Jean-Michel MICHALAK");
    MEMBERS.put("btirmarche", "M. Benoît TIRMARCHE");
    MEMBERS.put("gbartholomeus", "M. Grégory BARTHOLOMEUS");
    MEMBERS.put("lmonnet", "M. Luc MONNET");
    MEMBERS.put("mhquatreboeuf", "Mme Marie-Hélène QUATREBOEUF");
    MEMBERS.put("nsiegler", "M. Nicolas SIEGLER");
    MEMBERS.put("avanpeene", "Mme Anne VANPEENE");
    MEMBERS.put("cbachelet", "M. Claude BACHELET");
    MEMBERS.put("jcdissaux", "M. Jean-Claude DISSAUX");
    MEMBERS.put("bmesseannegrobelny", "Mme Bénédicte MESSEANNE-GROBELNY");
    MEMBERS.put("vthiebaut", "Mme Véronique THIEBAUT");
    MEMBERS.put("swarotlemaire", "Mme Sophie WAROT-LEMAIRE");
    MEMBERS.put("afigoureux", "M. André FIGOUREUX");
    MEMBERS.put("jldauchy", "M. Jean-Louis DAUCHY");
  }

  /** The seed's attendance table: 7 present, 0 absent, 15 excused, 6 proxies. */
  private static List<AttendanceEntry> seed() {
    List<AttendanceEntry> e = new ArrayList<>();
    e.add(new AttendanceEntry("vbiegalski", PRESENT, null));
    e.add(new AttendanceEntry("ebommart", EXCUSED, null));
    e.add(new AttendanceEntry("ccoulon", EXCUSED, null));
    e.add(new AttendanceEntry("adecagny", EXCUSED, "vbiegalski"));
    e.add(new AttendanceEntry("lfoutry", EXCUSED, ""));
    e.add(new AttendanceEntry("aheusele", EXCUSED, null));
    e.add(new AttendanceEntry("yhutchinson", EXCUSED, "gbartholomeus"));
    e.add(new AttendanceEntry("fleturque", EXCUSED, "bmesseannegrobelny"));
    e.add(new AttendanceEntry("jmmichalak", EXCUSED, "avanpeene"));
    e.add(new AttendanceEntry("btirmarche", EXCUSED, null));
    e.add(new AttendanceEntry("gbartholomeus", PRESENT, null));
    e.add(new AttendanceEntry("lmonnet", PRESENT, null));
    e.add(new AttendanceEntry("mhquatreboeuf", EXCUSED, null));
    e.add(new AttendanceEntry("nsiegler", EXCUSED, "lmonnet"));
    e.add(new AttendanceEntry("avanpeene", PRESENT, null));
    e.add(new AttendanceEntry("cbachelet", PRESENT, null));
    e.add(new AttendanceEntry("jcdissaux", EXCUSED, "vthiebaut"));
    e.add(new AttendanceEntry("bmesseannegrobelny", PRESENT, null));
    e.add(new AttendanceEntry("vthiebaut", PRESENT, null));
    e.add(new AttendanceEntry("swarotlemaire", EXCUSED, null));
    e.add(new AttendanceEntry("afigoureux", EXCUSED, null));
    e.add(new AttendanceEntry("jldauchy", EXCUSED, "   "));
    return e;
  }

  private static List<AttendanceEntry> seedWith(AttendanceEntry replacement) {
    List<AttendanceEntry> e = seed();
    e.replaceAll(x -> x.memberId().equals(replacement.memberId()) ? replacement : x);
    return e;
  }

  @Test
  void seedAttendanceTotals() {
    AttendanceSummary s = AttendanceRules.check(seed(), MEMBERS, 1);
    assertThat(s.inOffice()).isEqualTo(22);
    assertThat(s.present()).isEqualTo(7);
    assertThat(s.absent()).isZero();
    assertThat(s.excused()).isEqualTo(15);
    assertThat(s.represented()).isEqualTo(6);
    assertThat(s.presentOrRepresented()).isEqualTo(13);
    assertThat(s.proxies())
        .containsExactly(
            Map.entry("adecagny", "vbiegalski"),
            Map.entry("yhutchinson", "gbartholomeus"),
            Map.entry("fleturque", "bmesseannegrobelny"),
            Map.entry("jmmichalak", "avanpeene"),
            Map.entry("nsiegler", "lmonnet"),
            Map.entry("jcdissaux", "vthiebaut"));
  }

  @Test
  void absentMemberMayGiveAProxyToo() {
    AttendanceSummary s =
        AttendanceRules.check(seedWith(new AttendanceEntry("ebommart", ABSENT, "cbachelet")), MEMBERS, 1);
    assertThat(s.absent()).isEqualTo(1);
    assertThat(s.excused()).isEqualTo(14);
    assertThat(s.represented()).isEqualTo(7);
  }

  @Test
  void missingMemberIsRefused() {
    List<AttendanceEntry> e = seed();
    e.removeIf(x -> x.memberId().equals("lmonnet"));
    e.removeIf(x -> x.memberId().equals("nsiegler")); // gave his proxy to M. MONNET
    assertThatThrownBy(() -> AttendanceRules.check(e, MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Appel incomplet : M. Luc MONNET n'a pas de statut");
  }

  @Test
  void nullStatusIsRefused() {
    assertThatThrownBy(
            () -> AttendanceRules.check(seedWith(new AttendanceEntry("lmonnet", null, null)), MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Appel incomplet : M. Luc MONNET n'a pas de statut");
  }

  @Test
  void unknownMemberIsRefused() {
    List<AttendanceEntry> e = seed();
    e.add(new AttendanceEntry("xyz", PRESENT, null));
    assertThatThrownBy(() -> AttendanceRules.check(e, MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Appel refusé : « xyz » n'est pas membre en exercice");
  }

  @Test
  void duplicateMemberIsRefused() {
    List<AttendanceEntry> e = seed();
    e.add(new AttendanceEntry("lmonnet", EXCUSED, null));
    assertThatThrownBy(() -> AttendanceRules.check(e, MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Appel refusé : M. Luc MONNET figure deux fois");
  }

  @Test
  void presentMemberCannotGiveAProxy() {
    assertThatThrownBy(
            () ->
                AttendanceRules.check(
                    seedWith(new AttendanceEntry("lmonnet", PRESENT, "cbachelet")), MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Pouvoir refusé : M. Luc MONNET est présent et ne peut pas donner pouvoir");
    assertThatThrownBy(
            () ->
                AttendanceRules.check(
                    seedWith(new AttendanceEntry("avanpeene", PRESENT, "cbachelet")), MEMBERS, 1))
        .hasMessage("Pouvoir refusé : Mme Anne VANPEENE est présente et ne peut pas donner pouvoir");
  }

  @Test
  void holderMustBePresent() {
    List<AttendanceEntry> e = seedWith(new AttendanceEntry("lmonnet", EXCUSED, null));
    assertThatThrownBy(() -> AttendanceRules.check(e, MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Pouvoir refusé : M. Luc MONNET ne peut pas recevoir le pouvoir de M. Nicolas SIEGLER : il n'est pas présent");
  }

  @Test
  void chainOfProxiesIsRefusedAsHolderNotPresent() {
    // M. SIEGLER gives to M. MONNET, who is excused and himself gives to M. BACHELET
    List<AttendanceEntry> e = seedWith(new AttendanceEntry("lmonnet", EXCUSED, "cbachelet"));
    assertThatThrownBy(() -> AttendanceRules.check(e, MEMBERS, 2))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Pouvoir refusé : M. Luc MONNET ne peut pas recevoir le pouvoir de M. Nicolas SIEGLER : il n'est pas présent");
  }

  @Test
  void holderMustBeAMemberInOffice() {
    assertThatThrownBy(
            () ->
                AttendanceRules.check(
                    seedWith(new AttendanceEntry("nsiegler", EXCUSED, "xyz")), MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Pouvoir refusé : « xyz » n'est pas membre en exercice et ne peut pas recevoir le pouvoir de M. Nicolas SIEGLER");
  }

  @Test
  void noProxyToOneself() {
    assertThatThrownBy(
            () ->
                AttendanceRules.check(
                    seedWith(new AttendanceEntry("lmonnet", EXCUSED, "lmonnet")), MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Pouvoir refusé : M. Luc MONNET ne peut pas se donner pouvoir à lui-même");
    assertThatThrownBy(
            () ->
                AttendanceRules.check(
                    seedWith(new AttendanceEntry("ebommart", ABSENT, "ebommart")), MEMBERS, 1))
        .hasMessage("Pouvoir refusé : Mme Emilie BOMMART ne peut pas se donner pouvoir à elle-même");
  }

  @Test
  void oneProxyPerHolderUnderTheCgct() {
    // Mme BOMMART also gives to M. MONNET, who already holds M. SIEGLER's proxy
    List<AttendanceEntry> e = seedWith(new AttendanceEntry("ebommart", EXCUSED, "lmonnet"));
    assertThatThrownBy(() -> AttendanceRules.check(e, MEMBERS, 1))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Pouvoir refusé : M. Luc MONNET détient déjà 1 pouvoir, maximum 1 pour cette séance");
  }

  @Test
  void twoProxiesPerHolderInTheHealthCrisisWindows() {
    List<AttendanceEntry> e = seedWith(new AttendanceEntry("ebommart", EXCUSED, "lmonnet"));
    AttendanceSummary s = AttendanceRules.check(e, MEMBERS, 2);
    assertThat(s.represented()).isEqualTo(7);
    assertThat(s.proxies()).containsEntry("ebommart", "lmonnet").containsEntry("nsiegler", "lmonnet");

    e.replaceAll(x -> x.memberId().equals("ccoulon") ? new AttendanceEntry("ccoulon", EXCUSED, "lmonnet") : x);
    assertThatThrownBy(() -> AttendanceRules.check(e, MEMBERS, 2))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Pouvoir refusé : M. Luc MONNET détient déjà 2 pouvoirs, maximum 2 pour cette séance");
  }

  @Test
  void holderWhoIsAWomanIsNotPresente() {
    List<AttendanceEntry> e = seedWith(new AttendanceEntry("avanpeene", ABSENT, null));
    assertThatThrownBy(() -> AttendanceRules.check(e, MEMBERS, 1))
        .hasMessage(
            "Pouvoir refusé : Mme Anne VANPEENE ne peut pas recevoir le pouvoir de M. Jean-Michel MICHALAK : elle n'est pas présente");
  }

  @Test
  void summaryProxiesAreUnmodifiable() {
    AttendanceSummary s = AttendanceRules.check(seed(), MEMBERS, 1);
    assertThatThrownBy(() -> s.proxies().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
  }

  // --- Videoconference and substitutes --------------------------------------------------------------

  /** The substitutes of the Collège ENT delegates, and anyone's name. */
  static final Map<String, String> PEOPLE = new LinkedHashMap<>(MEMBERS);

  static {
    PEOPLE.put("mdelattre", "Mme Martine DELATTRE");
    PEOPLE.put("pcarpentier", "M. Patrick CARPENTIER");
    PEOPLE.put("jbrunet", "Mme Julie BRUNET");
  }

  static Seating comite(RemoteAttendance remote) {
    return new Seating("comité syndical", remote, Map.of("swarotlemaire", "mdelattre", "afigoureux", "pcarpentier",
        "jldauchy", "jbrunet"), PEOPLE::get);
  }

  static final Seating STATUTS_SILENT = comite(RemoteAttendance.NOT_ALLOWED);

  @Test
  void remoteAttendanceIsRefusedWhereTheStatutsDoNotProvideIt() {
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("lmonnet", REMOTE, null)), MEMBERS, 1,
        STATUTS_SILENT))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Appel refusé : la participation par visioconférence n'est pas prévue par les statuts du comité "
            + "syndical (M. Luc MONNET)");
    // The CGCT's default says the same.
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("lmonnet", REMOTE, null)), MEMBERS, 1))
        .hasMessageStartingWith("Appel refusé : la participation par visioconférence n'est pas prévue par les statuts");
  }

  @Test
  void aRemoteMemberCountsAsPresentHoldsAProxyAndCannotGiveOne() {
    for (RemoteAttendance allowed : List.of(RemoteAttendance.ALLOWED, RemoteAttendance.PUBLIC_VOTES_ONLY)) {
      // M. MONNET, holder of M. SIEGLER's proxy, attends by videoconference.
      AttendanceSummary s = AttendanceRules.check(seedWith(new AttendanceEntry("lmonnet", REMOTE, null)), MEMBERS, 1,
          comite(allowed));
      assertThat(s.present()).isEqualTo(7);
      assertThat(s.remote()).isEqualTo(1);
      assertThat(s.substituted()).isZero();
      assertThat(s.represented()).isEqualTo(6);
      assertThat(s.proxies()).containsEntry("nsiegler", "lmonnet");
    }
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("lmonnet", REMOTE, "cbachelet")),
        MEMBERS, 1, comite(RemoteAttendance.ALLOWED)))
        .hasMessage("Pouvoir refusé : M. Luc MONNET participe par visioconférence et ne peut pas donner pouvoir");
    // A proxy may go to a member attending remotely (eligible holders say so too).
    List<AttendanceEntry> e = seedWith(new AttendanceEntry("ebommart", EXCUSED, null));
    e.replaceAll(x -> x.memberId().equals("cbachelet") ? new AttendanceEntry("cbachelet", REMOTE, null) : x);
    assertThat(AttendanceRules.eligibleHolders(e, MEMBERS, 1, "ebommart")).contains("cbachelet");
  }

  @Test
  void theSubstituteOfAnExcusedTitularSitsAndTheSeatCountsAsPresent() {
    List<AttendanceEntry> e = seedWith(new AttendanceEntry("afigoureux", EXCUSED, null, "pcarpentier"));
    AttendanceSummary s = AttendanceRules.check(e, MEMBERS, 1, STATUTS_SILENT);
    assertThat(s.present()).isEqualTo(8);
    assertThat(s.substituted()).isEqualTo(1);
    assertThat(s.remote()).isZero();
    assertThat(s.excused()).isEqualTo(14);
    assertThat(s.absent()).isZero();
    assertThat(s.presentOrRepresented()).isEqualTo(14);
    assertThat(s.present() + s.absent() + s.excused()).isEqualTo(s.inOffice());

    // An absent titular too; the substituted seat may hold a proxy.
    e.replaceAll(x -> x.memberId().equals("jldauchy") ? new AttendanceEntry("jldauchy", ABSENT, null, "jbrunet") : x);
    e.replaceAll(x -> x.memberId().equals("ebommart") ? new AttendanceEntry("ebommart", EXCUSED, "jldauchy") : x);
    assertThat(AttendanceRules.eligibleHolders(e, MEMBERS, 1, "ebommart")).contains("jldauchy", "afigoureux");
    AttendanceSummary both = AttendanceRules.check(e, MEMBERS, 1, STATUTS_SILENT);
    assertThat(both.present()).isEqualTo(9);
    assertThat(both.substituted()).isEqualTo(2);
    assertThat(both.absent()).isZero();
    assertThat(both.represented()).isEqualTo(7);
    assertThat(both.proxies()).containsEntry("ebommart", "jldauchy");
  }

  @Test
  void aSubstituteSitsOnlyForAnAbsentTitularWithoutProxyAndOnlyTheOneTheStatutsGive() {
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("afigoureux", PRESENT, null,
        "pcarpentier")), MEMBERS, 1, STATUTS_SILENT))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Appel refusé : M. André FIGOUREUX est présent ; M. Patrick CARPENTIER ne peut pas siéger à sa place");
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("swarotlemaire", REMOTE, null,
        "mdelattre")), MEMBERS, 1, comite(RemoteAttendance.ALLOWED)))
        .hasMessage("Appel refusé : Mme Sophie WAROT-LEMAIRE participe par visioconférence ; Mme Martine DELATTRE ne "
            + "peut pas siéger à sa place");
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("afigoureux", EXCUSED, null,
        "mdelattre")), MEMBERS, 1, STATUTS_SILENT))
        .hasMessage("Appel refusé : Mme Martine DELATTRE n'est pas la suppléante de M. André FIGOUREUX (suppléant : "
            + "M. Patrick CARPENTIER)");
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("lfoutry", EXCUSED, null,
        "pcarpentier")), MEMBERS, 1, STATUTS_SILENT))
        .hasMessage("Appel refusé : M. Patrick CARPENTIER n'est pas le suppléant de M. Luc FOUTRY (M. Luc FOUTRY n'a "
            + "pas de suppléant)");
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("afigoureux", EXCUSED, "lmonnet",
        "pcarpentier")), MEMBERS, 1, STATUTS_SILENT))
        .hasMessage("Appel refusé : M. André FIGOUREUX a donné pouvoir à M. Luc MONNET ; M. Patrick CARPENTIER ne peut "
            + "pas siéger en plus à sa place (un pouvoir ou un suppléant, pas les deux)");
    // A body whose statuts give no substitutes.
    assertThatThrownBy(() -> AttendanceRules.check(seedWith(new AttendanceEntry("afigoureux", EXCUSED, null,
        "pcarpentier")), MEMBERS, 1, new Seating("bureau", RemoteAttendance.PUBLIC_VOTES_ONLY, Map.of(), PEOPLE::get)))
        .hasMessage("Appel refusé : les statuts du bureau ne prévoient pas de suppléants ; M. Patrick CARPENTIER ne "
            + "peut pas siéger à la place de M. André FIGOUREUX");
    // A blank substituteId is none.
    assertThat(AttendanceRules.check(seedWith(new AttendanceEntry("afigoureux", EXCUSED, null, " ")), MEMBERS, 1,
        STATUTS_SILENT).substituted()).isZero();
  }

  @Test
  void thePresidingMemberAndTheSecretaryAttendInPersonOrByVideoconferenceNotThroughASubstitute() {
    List<AttendanceEntry> e = seedWith(new AttendanceEntry("lmonnet", REMOTE, null));
    e.replaceAll(x -> x.memberId().equals("afigoureux") ? new AttendanceEntry("afigoureux", EXCUSED, null,
        "pcarpentier") : x);
    org.assertj.core.api.Assertions.assertThatCode(() -> SessionService.requireOfficers(e, MEMBERS, "lmonnet",
        "cbachelet")).doesNotThrowAnyException();
    assertThatThrownBy(() -> SessionService.requireOfficers(e, MEMBERS, "afigoureux", "cbachelet"))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("La présidence de séance : M. André FIGOUREUX n'est pas présent(e) : son siège est occupé par son "
            + "suppléant.");
    assertThatThrownBy(() -> SessionService.requireOfficers(e, MEMBERS, "lmonnet", "afigoureux"))
        .hasMessageStartingWith("Le secrétaire de séance : M. André FIGOUREUX n'est pas présent(e)");
    assertThatThrownBy(() -> SessionService.requireOfficers(e, MEMBERS, "lmonnet", "ebommart"))
        .hasMessage("Le secrétaire de séance : Mme Emilie BOMMART n'est pas présent(e).");
  }
}
