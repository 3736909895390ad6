package fr.comitia.session;

import fr.comitia.platform.RuleViolation;
import fr.comitia.register.BallotType;
import fr.comitia.register.VoteChoice;
import fr.comitia.session.VoteInput.MemberBallot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of a public vote by roll call (CGCT L2121-21): only a ROLL_CALL records each voter's
 * choice, and then for every one of them; the list must name voters (members present or represented)
 * once each and match the figures entered. A secret ballot records no name.
 */
final class BallotRules {

  private BallotRules() {}

  /**
   * Checks the list of a vote against its figures.
   *
   * @param voters the members who may vote (present, or represented through a proxy), by id, with
   *     their name (« M. Luc MONNET »)
   * @param names the name of any member (one who may not vote is named too)
   * @throws RuleViolation naming the member or the difference
   */
  static void check(VoteInput input, Map<String, String> voters, java.util.function.Function<String, String> names) {
    if (input.withdrawn()) {
      return;
    }
    List<MemberBallot> ballots = input.ballots();
    if (input.ballot() != BallotType.ROLL_CALL) {
      if (!ballots.isEmpty()) {
        throw new RuleViolation("ballots", "Le vote de chaque membre n'est consigné qu'au scrutin public (ballot = "
            + "ROLL_CALL) ; " + (input.ballot() == BallotType.SECRET ? "au scrutin secret, aucun nom n'est consigné."
                : "à main levée, seuls les chiffres le sont."));
      }
      return;
    }
    if (ballots.isEmpty()) {
      throw new RuleViolation("ballots", "Scrutin public : indiquez le vote de chaque votant (ballots).");
    }
    Set<String> seen = new HashSet<>();
    Map<VoteChoice, Integer> listed = new EnumMap<>(VoteChoice.class);
    for (MemberBallot b : ballots) {
      String name = voters.containsKey(b.memberId()) ? voters.get(b.memberId()) : names.apply(b.memberId());
      if (!voters.containsKey(b.memberId())) {
        throw new RuleViolation("ballots", "Scrutin public : " + name + " n'est ni présent ni représenté à cette "
            + "séance ; son vote ne peut pas être consigné.");
      }
      if (!seen.add(b.memberId())) {
        throw new RuleViolation("ballots", "Scrutin public : " + name + " figure deux fois dans la liste.");
      }
      if (b.choice() == null) {
        throw new RuleViolation("ballots", "Scrutin public : le vote de " + name + " manque (pour, contre ou "
            + "abstention).");
      }
      listed.merge(b.choice(), 1, Integer::sum);
    }
    List<String> differences = new ArrayList<>();
    difference(differences, listed.getOrDefault(VoteChoice.FOR, 0), input.votesFor(), "voix pour");
    difference(differences, listed.getOrDefault(VoteChoice.AGAINST, 0), input.votesAgainst(), "voix contre");
    difference(differences, listed.getOrDefault(VoteChoice.ABSTAIN, 0), input.abstentions(), "abstentions");
    if (!differences.isEmpty()) {
      throw new RuleViolation("ballots", "Scrutin public : la liste nominative ne correspond pas aux chiffres saisis ("
          + String.join(" ; ", differences) + ").");
    }
  }

  /**
   * Under the EPCI regime of videoconference (CGCT L5211-11-1, {@code PUBLIC_VOTES_ONLY}), votes are
   * public only: a secret ballot is refused while a member attends remotely.
   *
   * @param remoteMembers the names of the members attending by videoconference at the sitting
   * @throws RuleViolation naming them
   */
  static void checkRemote(VoteInput input, fr.comitia.roster.BodyRules.RemoteAttendance remoteAttendance,
      List<String> remoteMembers) {
    if (input.withdrawn() || input.ballot() != BallotType.SECRET
        || remoteAttendance != fr.comitia.roster.BodyRules.RemoteAttendance.PUBLIC_VOTES_ONLY
        || remoteMembers == null || remoteMembers.isEmpty()) {
      return;
    }
    throw new RuleViolation("ballot", "Scrutin secret refusé : quand un membre participe par visioconférence, le vote "
        + "a lieu au scrutin public (CGCT L5211-11-1) ; " + (remoteMembers.size() > 1 ? "participent" : "participe")
        + " à distance : " + String.join(", ", remoteMembers) + ".");
  }

  private static void difference(List<String> differences, int listed, Integer entered, String what) {
    int figure = entered == null ? 0 : entered;
    if (listed != figure) {
      differences.add(listed + " " + what + " dans la liste, " + figure + " dans les chiffres");
    }
  }
}
