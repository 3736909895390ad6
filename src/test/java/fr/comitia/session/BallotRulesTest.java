package fr.comitia.session;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.platform.RuleViolation;
import fr.comitia.register.BallotType;
import fr.comitia.register.VoteChoice;
import fr.comitia.roster.BodyRules.RemoteAttendance;
import fr.comitia.session.VoteInput.MemberBallot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The roll-call list of a public vote (L2121-21) against the voters and the figures, at each boundary. */
class BallotRulesTest {

  static final Map<String, String> VOTERS = new LinkedHashMap<>(Map.of(
      "a", "M. Alain ARNAUD", "b", "Mme Berthe BLANC", "c", "M. Claude CARON"));

  static VoteInput rollCall(int pour, int contre, int abst, List<MemberBallot> ballots) {
    return new VoteInput(false, pour, contre, abst, 0, false, null, BallotType.ROLL_CALL, ballots);
  }

  static MemberBallot b(String member, VoteChoice choice) {
    return new MemberBallot(member, choice);
  }

  @Test
  void aListThatMatchesTheFiguresIsAccepted() {
    assertThatCode(() -> BallotRules.check(rollCall(2, 1, 0,
        List.of(b("a", VoteChoice.FOR), b("b", VoteChoice.AGAINST), b("c", VoteChoice.FOR))), VOTERS, id -> id))
        .doesNotThrowAnyException();
    // A voter who does not take part is not on the list.
    assertThatCode(() -> BallotRules.check(new VoteInput(false, 1, 0, 1, 1, false, null, BallotType.ROLL_CALL,
        List.of(b("a", VoteChoice.FOR), b("c", VoteChoice.ABSTAIN))), VOTERS, id -> id)).doesNotThrowAnyException();
  }

  @Test
  void aRollCallWithoutTheListIsRefused() {
    assertThatThrownBy(() -> BallotRules.check(rollCall(2, 1, 0, List.of()), VOTERS, id -> id))
        .isInstanceOf(RuleViolation.class).hasMessage("Scrutin public : indiquez le vote de chaque votant (ballots).");
  }

  @Test
  void eachDifferenceWithTheFiguresIsNamed() {
    assertThatThrownBy(() -> BallotRules.check(rollCall(2, 1, 0,
        List.of(b("a", VoteChoice.FOR), b("b", VoteChoice.FOR), b("c", VoteChoice.FOR))), VOTERS, id -> id))
        .hasMessage("Scrutin public : la liste nominative ne correspond pas aux chiffres saisis (3 voix pour dans la "
            + "liste, 2 dans les chiffres ; 0 voix contre dans la liste, 1 dans les chiffres).");
    assertThatThrownBy(() -> BallotRules.check(rollCall(1, 0, 1, List.of(b("a", VoteChoice.FOR))), VOTERS, id -> id))
        .hasMessageContaining("0 abstentions dans la liste, 1 dans les chiffres");
  }

  @Test
  void onlyVotersOnceEachWithAChoice() {
    assertThatThrownBy(() -> BallotRules.check(rollCall(1, 0, 0, List.of(b("z", VoteChoice.FOR))), VOTERS, id -> id))
        .hasMessage("Scrutin public : z n'est ni présent ni représenté à cette séance ; son vote ne peut pas être "
            + "consigné.");
    assertThatThrownBy(() -> BallotRules.check(rollCall(2, 0, 0,
        List.of(b("a", VoteChoice.FOR), b("a", VoteChoice.FOR))), VOTERS, id -> id))
        .hasMessage("Scrutin public : M. Alain ARNAUD figure deux fois dans la liste.");
    assertThatThrownBy(() -> BallotRules.check(rollCall(0, 0, 0, List.of(b("b", null))), VOTERS, id -> id))
        .hasMessage("Scrutin public : le vote de Mme Berthe BLANC manque (pour, contre ou abstention).");
  }

  @Test
  void namesAreRecordedByRollCallOnly() {
    assertThatThrownBy(() -> BallotRules.check(new VoteInput(false, 1, 0, 0, 0, true, null, null,
        List.of(b("a", VoteChoice.FOR))), VOTERS, id -> id))
        .hasMessageContaining("au scrutin secret, aucun nom n'est consigné");
    assertThatThrownBy(() -> BallotRules.check(new VoteInput(false, 1, 0, 0, 0, false, null, BallotType.SHOW_OF_HANDS,
        List.of(b("a", VoteChoice.FOR))), VOTERS, id -> id))
        .hasMessageContaining("à main levée, seuls les chiffres le sont");
    assertThatCode(() -> BallotRules.check(new VoteInput(true, null, null, null, null, false, null,
        BallotType.ROLL_CALL, List.of()), VOTERS, id -> id)).doesNotThrowAnyException();
  }

  @Test
  void secretBallotAndBallotAgreeOrTheVoteIsRefused() {
    assertThatThrownBy(() -> new VoteInput(false, 1, 0, 0, 0, true, null, BallotType.ROLL_CALL, List.of()))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Scrutin incohérent : « scrutin secret » (secretBallot) est coché mais le type de scrutin est "
            + "« au scrutin public ».");
    org.assertj.core.api.Assertions.assertThat(
        new VoteInput(false, 1, 0, 0, 0, false, null, BallotType.SECRET, null).secretBallot()).isTrue();
    org.assertj.core.api.Assertions.assertThat(new VoteInput(false, 1, 0, 0, 0, true, null).ballot())
        .isEqualTo(BallotType.SECRET);
  }

  @Test
  void aSecretBallotIsRefusedWhileAMemberAttendsRemotelyUnderL5211_11_1() {
    VoteInput secret = new VoteInput(false, 3, 0, 0, 0, true, null);
    VoteInput secretByBallot = new VoteInput(false, 3, 0, 0, 0, false, null, BallotType.SECRET, null);
    for (VoteInput input : List.of(secret, secretByBallot)) {
      assertThatThrownBy(() -> BallotRules.checkRemote(input, RemoteAttendance.PUBLIC_VOTES_ONLY,
          List.of("Mme Anne VANPEENE")))
          .isInstanceOf(RuleViolation.class)
          .hasMessage("Scrutin secret refusé : quand un membre participe par visioconférence, le vote a lieu au scrutin "
              + "public (CGCT L5211-11-1) ; participe à distance : Mme Anne VANPEENE.");
    }
    assertThatThrownBy(() -> BallotRules.checkRemote(secret, RemoteAttendance.PUBLIC_VOTES_ONLY,
        List.of("Mme Anne VANPEENE", "M. Luc MONNET")))
        .hasMessageEndingWith("participent à distance : Mme Anne VANPEENE, M. Luc MONNET.");
    // Nobody remote, a public vote, a withdrawal, or statuts that allow it: accepted.
    assertThatCode(() -> BallotRules.checkRemote(secret, RemoteAttendance.PUBLIC_VOTES_ONLY, List.of()))
        .doesNotThrowAnyException();
    assertThatCode(() -> BallotRules.checkRemote(new VoteInput(false, 3, 0, 0, 0, false, null),
        RemoteAttendance.PUBLIC_VOTES_ONLY, List.of("Mme Anne VANPEENE"))).doesNotThrowAnyException();
    assertThatCode(() -> BallotRules.checkRemote(rollCall(1, 0, 0, List.of(b("a", VoteChoice.FOR))),
        RemoteAttendance.PUBLIC_VOTES_ONLY, List.of("Mme Anne VANPEENE"))).doesNotThrowAnyException();
    assertThatCode(() -> BallotRules.checkRemote(new VoteInput(true, null, null, null, null, true, null),
        RemoteAttendance.PUBLIC_VOTES_ONLY, List.of("Mme Anne VANPEENE"))).doesNotThrowAnyException();
    assertThatCode(() -> BallotRules.checkRemote(secret, RemoteAttendance.ALLOWED, List.of("Mme Anne VANPEENE")))
        .doesNotThrowAnyException();
  }
}
