package fr.comitia.session;

import fr.comitia.register.Outcome;
import fr.comitia.register.VoteChoice;
import fr.comitia.register.VoteResult;

import fr.comitia.platform.RuleViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VoteRulesTest {

  private static VoteInput vote(Integer pour, Integer contre, Integer abst, Integer npp) {
    return new VoteInput(false, pour, contre, abst, npp, false, null);
  }

  @Test
  void seedVoteIsAdoptedUnanimously() {
    VoteResult r = VoteRules.decide(vote(13, 0, 0, 0), 13);
    assertThat(r).isEqualTo(new VoteResult(Outcome.ADOPTED, 13, 13, 0, 0, 0, 13, false));
  }

  @Test
  void majorityOfSuffragesExprimesDecides() {
    VoteResult adopted = VoteRules.decide(vote(6, 5, 2, 0), 13);
    assertThat(adopted.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(adopted.suffragesExprimes()).isEqualTo(11);
    VoteResult rejected = VoteRules.decide(vote(4, 5, 2, 2), 13);
    assertThat(rejected.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(rejected.voters()).isEqualTo(11);
    assertThat(rejected.notParticipating()).isEqualTo(2);
    assertThat(rejected.tieDecidedByPresident()).isFalse();
  }

  @Test
  void moreVotesThanVotersAreRefused() {
    assertThatThrownBy(() -> VoteRules.decide(vote(13, 1, 0, 0), 13))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Votes incohérents : 14 voix exprimées ou abstentions pour 13 votants");
    // non-participants are not voters
    assertThatThrownBy(() -> VoteRules.decide(vote(12, 0, 0, 2), 13))
        .hasMessage("Votes incohérents : 12 voix exprimées ou abstentions pour 11 votants");
  }

  @Test
  void notParticipatingCannotExceedPresentOrRepresented() {
    assertThatThrownBy(() -> VoteRules.decide(vote(0, 0, 0, 3), 2))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Votes incohérents : 3 membres ne prenant pas part au vote pour 2 présents ou représentés");
  }

  @Test
  void everyCountIsRequired() {
    assertThatThrownBy(() -> VoteRules.decide(vote(null, 0, 0, 0), 13))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Votes incomplets : le nombre de voix pour est obligatoire");
    assertThatThrownBy(() -> VoteRules.decide(vote(13, null, 0, 0), 13))
        .hasMessage("Votes incomplets : le nombre de voix contre est obligatoire");
    assertThatThrownBy(() -> VoteRules.decide(vote(13, 0, null, 0), 13))
        .hasMessage("Votes incomplets : le nombre d'abstentions est obligatoire");
    assertThatThrownBy(() -> VoteRules.decide(vote(13, 0, 0, null), 13))
        .hasMessage("Votes incomplets : le nombre de membres ne prenant pas part au vote est obligatoire");
  }

  @Test
  void negativeCountsAreRefused() {
    assertThatThrownBy(() -> VoteRules.decide(vote(13, -1, 0, 0), 13))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Votes incohérents : nombre négatif");
    assertThatThrownBy(() -> VoteRules.decide(vote(1, 0, 0, -1), 13))
        .hasMessage("Votes incohérents : nombre négatif");
  }

  @Test
  void publicTieIsDecidedByThePresidingMember() {
    VoteResult forTie =
        VoteRules.decide(new VoteInput(false, 6, 6, 1, 0, false, VoteChoice.FOR), 13);
    assertThat(forTie.outcome()).isEqualTo(Outcome.ADOPTED);
    assertThat(forTie.tieDecidedByPresident()).isTrue();
    assertThat(forTie.suffragesExprimes()).isEqualTo(12);
    VoteResult againstTie =
        VoteRules.decide(new VoteInput(false, 6, 6, 1, 0, false, VoteChoice.AGAINST), 13);
    assertThat(againstTie.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(againstTie.tieDecidedByPresident()).isTrue();
    VoteResult abstainTie =
        VoteRules.decide(new VoteInput(false, 0, 0, 13, 0, false, VoteChoice.ABSTAIN), 13);
    assertThat(abstainTie.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(abstainTie.tieDecidedByPresident()).isTrue();
  }

  @Test
  void publicTieWithoutThePresidingVoteIsRefused() {
    assertThatThrownBy(() -> VoteRules.decide(vote(6, 6, 1, 0), 13))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Partage des voix : la voix du président de séance est prépondérante, indiquez son vote");
    assertThatThrownBy(() -> VoteRules.decide(vote(0, 0, 13, 0), 13))
        .hasMessageStartingWith("Partage des voix");
  }

  @Test
  void secretBallotTieIsRejectedWithoutCastingVote() {
    VoteResult r = VoteRules.decide(new VoteInput(false, 6, 6, 1, 0, true, null), 13);
    assertThat(r.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(r.tieDecidedByPresident()).isFalse();
    VoteResult ignoresPresident =
        VoteRules.decide(new VoteInput(false, 6, 6, 1, 0, true, VoteChoice.FOR), 13);
    assertThat(ignoresPresident.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(ignoresPresident.tieDecidedByPresident()).isFalse();
  }

  @Test
  void withdrawnItemHasNoFigures() {
    VoteResult r = VoteRules.decide(new VoteInput(true, null, null, null, null, false, null), 13);
    assertThat(r).isEqualTo(new VoteResult(Outcome.WITHDRAWN, 0, 0, 0, 0, 0, 0, false));
  }
}
