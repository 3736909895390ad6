package fr.comitia.register;

/**
 * The decided vote.
 *
 * @param outcome adopted, rejected or withdrawn
 * @param voters votants: present plus represented, less those not taking part (0 when withdrawn)
 * @param votesFor voix pour
 * @param votesAgainst voix contre
 * @param abstentions abstentions
 * @param notParticipating members not taking part in the vote
 * @param suffragesExprimes for plus against
 * @param tieDecidedByPresident a tie in a public vote, decided by the presiding member's casting
 *     vote (voix prépondérante, CGCT L2121-20)
 */
public record VoteResult(
    Outcome outcome,
    int voters,
    int votesFor,
    int votesAgainst,
    int abstentions,
    int notParticipating,
    int suffragesExprimes,
    boolean tieDecidedByPresident) {}
