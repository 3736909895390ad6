package fr.comitia.session;

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
 */
public record VoteInput(
    boolean withdrawn,
    Integer votesFor,
    Integer votesAgainst,
    Integer abstentions,
    Integer notParticipating,
    boolean secretBallot,
    VoteChoice presidingVote) {}
