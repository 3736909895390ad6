package fr.comitia.document;

import fr.comitia.register.DeliberationRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The names of a public vote by roll call (CGCT L2121-21), as the extract and the minutes print
 * them: « Ont voté pour : … », « Ont voté contre : … », « Se sont abstenus : … », « N'ont pas pris
 * part au vote : … ». Empty when each member's vote was not recorded (ordinary or secret vote).
 */
@Component
class RollCallVotes {

  /** One line of names: its label and the members, in the order of the attendance table. */
  public record BallotGroup(String label, List<String> names) {}

  private static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("FOR", "Ont voté pour");
    LABELS.put("AGAINST", "Ont voté contre");
    LABELS.put("ABSTAIN", "Se sont abstenus");
    LABELS.put("NOT_PARTICIPATING", "N'ont pas pris part au vote");
  }

  private final DeliberationRecords records;

  RollCallVotes(DeliberationRecords records) {
    this.records = records;
  }

  List<BallotGroup> groups(String deliberationId, String sessionId) {
    return group(records.ballots(deliberationId, sessionId));
  }

  /**
   * « Scrutin public : ont voté pour : M. A, Mme B ; ont voté contre : M. C ; se sont abstenus : Mme D. »,
   * or null without names.
   */
  static String sentence(List<BallotGroup> groups) {
    if (groups.isEmpty()) {
      return null;
    }
    return "Scrutin public : " + String.join(" ; ", groups.stream()
        .map(g -> Character.toLowerCase(g.label().charAt(0)) + g.label().substring(1) + " : "
            + String.join(", ", g.names()))
        .toList()) + ".";
  }

  /** Groups (choice, name) pairs under their labels, in the order for, against, abstain, not taking part. */
  static List<BallotGroup> group(List<Map.Entry<String, String>> ballots) {
    List<BallotGroup> groups = new ArrayList<>();
    LABELS.forEach((choice, label) -> {
      List<String> names = ballots.stream().filter(b -> b.getKey().equals(choice)).map(Map.Entry::getValue).toList();
      if (!names.isEmpty()) {
        groups.add(new BallotGroup(label, names));
      }
    });
    return groups;
  }
}
