package fr.comitia.session;

import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.AttendanceStatus;

import fr.comitia.platform.RuleViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The roll call (appel) of a session and its proxies (pouvoirs, CGCT L2121-20): one status per
 * member in office; a proxy is given by an absent or excused member to a present member, who may
 * hold at most the allowed number of proxies (one by the CGCT, two in the health-crisis windows).
 */
public final class AttendanceRules {

  private AttendanceRules() {}

  /**
   * Checks a roll call and totals it.
   *
   * @param entries one entry per member in office
   * @param membersInOffice id to display name (« M. Luc MONNET », « Mme Anne VANPEENE »), in
   *     roll-call order
   * @param maxProxiesPerHolder proxies one present member may hold at this session
   * @return the totals and the valid proxies
   * @throws RuleViolation on the first broken rule
   */
  public static AttendanceSummary check(
      List<AttendanceEntry> entries, Map<String, String> membersInOffice, int maxProxiesPerHolder) {
    Map<String, AttendanceEntry> byMember = new LinkedHashMap<>();
    for (AttendanceEntry entry : entries == null ? List.<AttendanceEntry>of() : entries) {
      if (entry == null) {
        continue;
      }
      String id = entry.memberId();
      if (id == null || !membersInOffice.containsKey(id)) {
        throw new RuleViolation("Appel refusé : « " + id + " » n'est pas membre en exercice");
      }
      if (byMember.putIfAbsent(id, entry) != null) {
        throw new RuleViolation("Appel refusé : " + membersInOffice.get(id) + " figure deux fois");
      }
    }
    int present = 0;
    int absent = 0;
    int excused = 0;
    for (Map.Entry<String, String> member : membersInOffice.entrySet()) {
      AttendanceEntry entry = byMember.get(member.getKey());
      if (entry == null || entry.status() == null) {
        throw new RuleViolation("Appel incomplet : " + member.getValue() + " n'a pas de statut");
      }
      switch (entry.status()) {
        case PRESENT -> present++;
        case ABSENT -> absent++;
        case EXCUSED -> excused++;
      }
    }

    Map<String, String> proxies = new LinkedHashMap<>();
    Map<String, Integer> heldBy = new HashMap<>();
    for (AttendanceEntry entry : byMember.values()) {
      String holder = entry.proxyHolderId();
      if (holder == null || holder.isBlank()) {
        continue;
      }
      String giverName = membersInOffice.get(entry.memberId());
      if (entry.status() == AttendanceStatus.PRESENT) {
        throw new RuleViolation(
            "Pouvoir refusé : "
                + giverName
                + (isWoman(giverName) ? " est présente" : " est présent")
                + " et ne peut pas donner pouvoir");
      }
      if (holder.equals(entry.memberId())) {
        throw new RuleViolation(
            "Pouvoir refusé : "
                + giverName
                + " ne peut pas se donner pouvoir à "
                + (isWoman(giverName) ? "elle-même" : "lui-même"));
      }
      String holderName = membersInOffice.get(holder);
      if (holderName == null) {
        throw new RuleViolation(
            "Pouvoir refusé : « "
                + holder
                + " » n'est pas membre en exercice et ne peut pas recevoir le pouvoir de "
                + giverName);
      }
      if (byMember.get(holder).status() != AttendanceStatus.PRESENT) {
        throw new RuleViolation(
            "Pouvoir refusé : "
                + holderName
                + " ne peut pas recevoir le pouvoir de "
                + giverName
                + (isWoman(holderName) ? " : elle n'est pas présente" : " : il n'est pas présent"));
      }
      int held = heldBy.getOrDefault(holder, 0);
      if (held >= maxProxiesPerHolder) {
        throw new RuleViolation(
            "Pouvoir refusé : "
                + holderName
                + " détient déjà "
                + held
                + (held > 1 ? " pouvoirs" : " pouvoir")
                + ", maximum "
                + maxProxiesPerHolder
                + " pour cette séance");
      }
      heldBy.put(holder, held + 1);
      proxies.put(entry.memberId(), holder);
    }
    return new AttendanceSummary(
        membersInOffice.size(), present, absent, excused, proxies.size(), proxies);
  }

  /**
   * The members who may receive a giver's proxy, as {@link #check} will accept it: present, not the
   * giver, and holding fewer than the maximum of the other givers' proxies.
   *
   * @param entries the roll call as it stands (entries of members not in office count for the
   *     proxies they give)
   * @param membersInOffice id to display name, in roll-call order
   * @param maxProxiesPerHolder proxies one present member may hold at this session
   * @param giverId the member who gives the proxy
   * @return the ids of the possible holders, in roll-call order
   */
  public static List<String> eligibleHolders(
      List<AttendanceEntry> entries,
      Map<String, String> membersInOffice,
      int maxProxiesPerHolder,
      String giverId) {
    Map<String, AttendanceStatus> status = new HashMap<>();
    Map<String, Integer> heldBy = new HashMap<>();
    for (AttendanceEntry entry : entries == null ? List.<AttendanceEntry>of() : entries) {
      if (entry == null || entry.memberId() == null) {
        continue;
      }
      status.putIfAbsent(entry.memberId(), entry.status());
      String holder = entry.proxyHolderId();
      if (holder != null
          && !holder.isBlank()
          && entry.status() != AttendanceStatus.PRESENT
          && !entry.memberId().equals(giverId)) {
        heldBy.merge(holder, 1, Integer::sum);
      }
    }
    List<String> eligible = new ArrayList<>();
    for (String id : membersInOffice.keySet()) {
      if (!id.equals(giverId)
          && status.get(id) == AttendanceStatus.PRESENT
          && heldBy.getOrDefault(id, 0) < maxProxiesPerHolder) {
        eligible.add(id);
      }
    }
    return eligible;
  }

  private static boolean isWoman(String displayName) {
    return displayName != null && displayName.startsWith("Mme ");
  }
}
