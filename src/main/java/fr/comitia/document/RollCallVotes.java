package fr.comitia.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  private final JdbcClient jdbc;

  RollCallVotes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<BallotGroup> groups(String deliberationId, String sessionId) {
    if (deliberationId == null || sessionId == null) {
      return List.of();
    }
    record Ballot(String choice, String name) {}
    List<Ballot> ballots = jdbc.sql("""
            select b.choice, m.civility || ' ' || m.first_name || ' ' || m.last_name as name
              from comitia.vote_ballot b
              join comitia.member m on m.id = b.member_id
              join comitia.assembly_session s on s.id = b.session_id
              left join comitia.body_membership bm on bm.body_id = s.body_id and bm.member_id = b.member_id
                   and bm.valid_from <= (s.session_date at time zone 'Europe/Paris')::date
                   and (bm.valid_to is null or bm.valid_to > (s.session_date at time zone 'Europe/Paris')::date)
             where b.deliberation_id = :d and b.session_id = :s
             order by bm.position nulls last, m.last_name, m.first_name""")
        .param("d", deliberationId).param("s", sessionId)
        .query(Ballot.class).list();
    return group(ballots.stream().map(b -> Map.entry(b.choice(), b.name())).toList());
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
