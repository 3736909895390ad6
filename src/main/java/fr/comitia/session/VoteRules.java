package fr.comitia.session;

import fr.comitia.register.Outcome;
import fr.comitia.register.VoteChoice;
import fr.comitia.register.VoteResult;

import fr.comitia.platform.RuleViolation;

/**
 * The outcome of a vote (CGCT L2121-20): voters are the members present or represented less those
 * not taking part; suffrages exprimés are for plus against; adopted when for exceeds against. On a
 * tie the presiding member's vote decides in a public vote, while a tie by secret ballot rejects.
 */
public final class VoteRules {

  /** Printed under a tie by secret ballot. */
  public static final String SECRET_TIE_NOTE =
      "Le partage des voix au scrutin secret vaut rejet (CGCT L2121-20).";

  /** Printed under a tie in a public vote. */
  public static final String CASTING_VOTE_NOTE =
      "Partage des voix : la voix du président de séance est prépondérante (CGCT L2121-20).";

  private VoteRules() {}

  /**
   * Decides a vote.
   *
   * @param input the figures entered
   * @param presentPlusRepresented members present plus members represented at the session
   * @throws RuleViolation when figures are missing or inconsistent, or a public tie lacks the
   *     presiding member's vote
   */
  public static VoteResult decide(VoteInput input, int presentPlusRepresented) {
    if (presentPlusRepresented < 0) {
      throw new IllegalArgumentException("presentPlusRepresented < 0: " + presentPlusRepresented);
    }
    if (input.withdrawn()) {
      return new VoteResult(Outcome.WITHDRAWN, 0, 0, 0, 0, 0, 0, false);
    }
    int votesFor = required(input.votesFor(), "le nombre de voix pour");
    int against = required(input.votesAgainst(), "le nombre de voix contre");
    int abstentions = required(input.abstentions(), "le nombre d'abstentions");
    int notParticipating =
        required(input.notParticipating(), "le nombre de membres ne prenant pas part au vote");
    if (votesFor < 0 || against < 0 || abstentions < 0 || notParticipating < 0) {
      throw new RuleViolation("Votes incohérents : nombre négatif");
    }
    if (notParticipating > presentPlusRepresented) {
      throw new RuleViolation(
          "Votes incohérents : "
              + notParticipating
              + (notParticipating > 1 ? " membres ne prenant pas part" : " membre ne prenant pas part")
              + " au vote pour "
              + presentPlusRepresented
              + (presentPlusRepresented > 1 ? " présents ou représentés" : " présent ou représenté"));
    }
    int voters = voters(presentPlusRepresented, notParticipating);
    int cast = cast(votesFor, against, abstentions);
    if (cast > voters) {
      throw new RuleViolation(
          "Votes incohérents : "
              + cast
              + (cast > 1 ? " voix exprimées ou abstentions" : " voix exprimée ou abstention")
              + " pour "
              + voters
              + (voters > 1 ? " votants" : " votant"));
    }
    int suffrages = suffragesExprimes(votesFor, against);
    Outcome outcome;
    boolean casting = false;
    if (votesFor > against) {
      outcome = Outcome.ADOPTED;
    } else if (votesFor < against) {
      outcome = Outcome.REJECTED;
    } else if (input.secretBallot()) {
      outcome = Outcome.REJECTED;
    } else {
      if (input.presidingVote() == null) {
        throw new RuleViolation(
            "Partage des voix : la voix du président de séance est prépondérante, indiquez son vote");
      }
      outcome = input.presidingVote() == VoteChoice.FOR ? Outcome.ADOPTED : Outcome.REJECTED;
      casting = true;
    }
    return new VoteResult(
        outcome, voters, votesFor, against, abstentions, notParticipating, suffrages, casting);
  }

  /** Votants: the members present or represented, less those who do not take part in the vote. */
  public static int voters(int presentPlusRepresented, int notParticipating) {
    return presentPlusRepresented - notParticipating;
  }

  /** Voix exprimées et abstentions: what may not exceed the voters. */
  public static int cast(int votesFor, int votesAgainst, int abstentions) {
    return votesFor + votesAgainst + abstentions;
  }

  /** Suffrages exprimés: for plus against. */
  public static int suffragesExprimes(int votesFor, int votesAgainst) {
    return votesFor + votesAgainst;
  }

  private static int required(Integer value, String what) {
    if (value == null) {
      throw new RuleViolation("Votes incomplets : " + what + " est obligatoire");
    }
    return value;
  }
}
