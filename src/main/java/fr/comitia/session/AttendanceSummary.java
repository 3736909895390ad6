package fr.comitia.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals of a valid roll call, as in the attendance table's totals row.
 *
 * @param inOffice members in office (membres en exercice)
 * @param present members present: in person, by videoconference ({@code remote}) or through their
 *     substitute ({@code substituted})
 * @param absent members absent
 * @param excused members excused
 * @param represented number of valid proxies (members represented)
 * @param proxies giver id to holder id, in roll-call order (unmodifiable)
 * @param remote members present by videoconference (counted in {@code present})
 * @param substituted absent or excused members whose substitute sits (counted in {@code present},
 *     not in {@code absent} nor {@code excused})
 */
public record AttendanceSummary(
    int inOffice, int present, int absent, int excused, int represented, Map<String, String> proxies,
    int remote, int substituted) {

  public AttendanceSummary {
    proxies = Collections.unmodifiableMap(new LinkedHashMap<>(proxies == null ? Map.of() : proxies));
  }

  /** Totals without videoconference nor substitutes. */
  public AttendanceSummary(
      int inOffice, int present, int absent, int excused, int represented, Map<String, String> proxies) {
    this(inOffice, present, absent, excused, represented, proxies, 0, 0);
  }

  /** Present plus represented: the base of the voters (votants) before non-participants. */
  public int presentOrRepresented() {
    return present + represented;
  }
}
