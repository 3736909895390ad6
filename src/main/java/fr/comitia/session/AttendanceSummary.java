package fr.comitia.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Totals of a valid roll call, as in the attendance table's totals row.
 *
 * @param inOffice members in office (membres en exercice)
 * @param present members present
 * @param absent members absent
 * @param excused members excused
 * @param represented number of valid proxies (members represented)
 * @param proxies giver id to holder id, in roll-call order (unmodifiable)
 */
public record AttendanceSummary(
    int inOffice, int present, int absent, int excused, int represented, Map<String, String> proxies) {

  public AttendanceSummary {
    proxies = Collections.unmodifiableMap(new LinkedHashMap<>(proxies == null ? Map.of() : proxies));
  }

  /** Present plus represented: the base of the voters (votants) before non-participants. */
  public int presentOrRepresented() {
    return present + represented;
  }
}
