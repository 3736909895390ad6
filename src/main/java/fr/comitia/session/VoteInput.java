package fr.comitia.session;

import fr.comitia.register.BallotType;
import java.util.List;

import fr.comitia.register.VoteChoice;

/**
 * The figures of a vote as entered by the secretariat.
 *
 * @param withdrawn the item was withdrawn from the agenda (no vote)
 * @param votesFor voix pour (required unless withdrawn)
 * @param votesAgainst voix contre (required unless withdrawn)
 * @param abstentions abstentions (required unless withdrawn)
 * @param notParticipating members present or represented who do not take part in the vote
 *     (required unless withdrawn, 0 if none)
 * @param secretBallot scrutin secret
 * @param presidingVote the presiding member's vote; required only on a tie in a public vote
 * @param ballot how the item was voted (derived from {@code secretBallot} when null)
 * @param ballots for a roll call, each voter's choice
 * @param interestedMemberIds members who do not take part for a personal interest (L2131-11): not voters,
 *     not counted in the item's quorum; {@code notParticipating} counts the others
 */
public record VoteInput(
    boolean withdrawn,
    Integer votesFor,
    Integer votesAgainst,
    Integer abstentions,
    Integer notParticipating,
    boolean secretBallot,
    VoteChoice presidingVote,
    BallotType ballot,
    List<MemberBallot> ballots,
    List<String> interestedMemberIds) {

  /** One voter's choice in a public vote by roll call. */
  public record MemberBallot(String memberId, VoteChoice choice) {}

  /** {@code secretBallot} true ⇔ {@code ballot} SECRET; either may be given, never both at odds. */
  public VoteInput {
    if (ballot == null) {
      ballot = secretBallot ? BallotType.SECRET : BallotType.SHOW_OF_HANDS;
    } else if (secretBallot && ballot != BallotType.SECRET) {
      throw new fr.comitia.platform.RuleViolation("ballot", "Scrutin incohérent : « scrutin secret » (secretBallot) est "
          + "coché mais le type de scrutin est « " + ballot.words() + " ».");
    }
    secretBallot = ballot == BallotType.SECRET;
    ballots = ballots == null ? List.of() : List.copyOf(ballots);
    interestedMemberIds = interestedMemberIds == null ? List.of() : List.copyOf(interestedMemberIds);
  }

  /** A vote with its ballot and, for a roll call, each voter's choice; nobody declared interested. */
  public VoteInput(boolean withdrawn, Integer votesFor, Integer votesAgainst, Integer abstentions,
      Integer notParticipating, boolean secretBallot, VoteChoice presidingVote, BallotType ballot,
      List<MemberBallot> ballots) {
    this(withdrawn, votesFor, votesAgainst, abstentions, notParticipating, secretBallot, presidingVote, ballot, ballots,
        null);
  }

  /** A vote by show of hands, or by secret ballot when {@code secretBallot}: figures only. */
  public VoteInput(boolean withdrawn, Integer votesFor, Integer votesAgainst, Integer abstentions,
      Integer notParticipating, boolean secretBallot, VoteChoice presidingVote) {
    this(withdrawn, votesFor, votesAgainst, abstentions, notParticipating, secretBallot, presidingVote, null, null,
        null);
  }
}
