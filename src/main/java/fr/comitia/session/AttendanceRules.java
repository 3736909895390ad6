package fr.comitia.session;

import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.AttendanceStatus;

import fr.comitia.platform.RuleViolation;
import fr.comitia.roster.BodyRules.RemoteAttendance;
import fr.comitia.roster.Organisation.Body;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The roll call (appel) of a session and its proxies (pouvoirs, CGCT L2121-20): one status per
 * member in office; a proxy is given by an absent or excused member to a present member, who may
 * hold at most the allowed number of proxies (one by the CGCT, two in the health-crisis windows).
 * Where the body's statuts allow it, a member attends by videoconference (REMOTE), and the
 * substitute (suppléant) the statuts give an absent or excused titular sits in their seat; both
 * count as present, may hold proxies and vote.
 */
public final class AttendanceRules {

  private AttendanceRules() {}

  /**
   * What a body's statuts say of the seats at a roll call.
   *
   * @param assemblyName the assembly inside a sentence (« comité syndical »)
   * @param remoteAttendance whether members may attend by videoconference
   * @param substitutes titular member id to the id of their substitute
   * @param names the display name of any person of the organisation (« M. Patrick CARPENTIER »)
   */
  public record Seating(String assemblyName, RemoteAttendance remoteAttendance, Map<String, String> substitutes,
      Function<String, String> names) {

    public Seating {
      remoteAttendance = remoteAttendance == null ? RemoteAttendance.NOT_ALLOWED : remoteAttendance;
      substitutes = substitutes == null ? Map.of() : Map.copyOf(substitutes);
      names = names == null ? id -> "« " + id + " »" : names;
    }

    /** The CGCT's silence: no videoconference, no substitutes. */
    public static Seating cgct(String assemblyName) {
      return new Seating(assemblyName, RemoteAttendance.NOT_ALLOWED, Map.of(), null);
    }

    /** The seating of a body, by its rules and its substitutes. */
    public static Seating of(Body body, Function<String, String> names) {
      return new Seating(body.assemblyName(), body.rules().remoteAttendance(), body.substitutes(), names);
    }

    /** « statuts du comité syndical » */
    String statuts() {
      return "statuts du " + (assemblyName == null ? "assemblée" : assemblyName);
    }
  }

  /** Checks a roll call and totals it, for a body without videoconference nor substitutes. */
  public static AttendanceSummary check(
      List<AttendanceEntry> entries, Map<String, String> membersInOffice, int maxProxiesPerHolder) {
    return check(entries, membersInOffice, maxProxiesPerHolder, Seating.cgct("assemblée"));
  }

  /**
   * Checks a roll call and totals it.
   *
   * @param entries one entry per member in office
   * @param membersInOffice id to display name (« M. Luc MONNET », « Mme Anne VANPEENE »), in
   *     roll-call order
   * @param maxProxiesPerHolder proxies one present member may hold at this session
   * @param seating what the body's statuts say of videoconference and substitutes
   * @return the totals and the valid proxies
   * @throws RuleViolation on the first broken rule
   */
  public static AttendanceSummary check(List<AttendanceEntry> entries, Map<String, String> membersInOffice,
      int maxProxiesPerHolder, Seating seating) {
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
    int remote = 0;
    int substituted = 0;
    for (Map.Entry<String, String> member : membersInOffice.entrySet()) {
      AttendanceEntry entry = byMember.get(member.getKey());
      if (entry == null || entry.status() == null) {
        throw new RuleViolation("Appel incomplet : " + member.getValue() + " n'a pas de statut");
      }
      if (entry.status() == AttendanceStatus.REMOTE && !seating.remoteAttendance().allowed()) {
        throw new RuleViolation("Appel refusé : la participation par visioconférence n'est pas prévue par les "
            + seating.statuts() + " (" + member.getValue() + ")");
      }
      if (entry.substituted()) {
        checkSubstitute(entry, member.getValue(), membersInOffice, seating);
        substituted++;
        present++;
        continue;
      }
      switch (entry.status()) {
        case PRESENT -> present++;
        case REMOTE -> {
          present++;
          remote++;
        }
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
      if (entry.status() == AttendanceStatus.REMOTE) {
        throw new RuleViolation(
            "Pouvoir refusé : " + giverName + " participe par visioconférence et ne peut pas donner pouvoir");
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
      if (!byMember.get(holder).seated()) {
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
        membersInOffice.size(), present, absent, excused, proxies.size(), proxies, remote, substituted);
  }

  /**
   * A substitute sits only for an absent or excused titular who gave no proxy, and only the one the
   * statuts give that titular.
   */
  private static void checkSubstitute(AttendanceEntry entry, String titularName, Map<String, String> membersInOffice,
      Seating seating) {
    String substitute = entry.substituteId();
    String substituteName = membersInOffice.containsKey(substitute) ? membersInOffice.get(substitute)
        : seating.names().apply(substitute);
    if (seating.substitutes().isEmpty()) {
      throw new RuleViolation("Appel refusé : les " + seating.statuts() + " ne prévoient pas de suppléants ; "
          + substituteName + " ne peut pas siéger à la place de " + titularName);
    }
    if (entry.status().attends()) {
      throw new RuleViolation("Appel refusé : " + titularName + (entry.status() == AttendanceStatus.REMOTE
          ? " participe par visioconférence" : isWoman(titularName) ? " est présente" : " est présent")
          + " ; " + substituteName + " ne peut pas siéger à sa place");
    }
    String configured = seating.substitutes().get(entry.memberId());
    if (!substitute.equals(configured)) {
      throw new RuleViolation("Appel refusé : " + substituteName + " n'est pas "
          + (isWoman(substituteName) ? "la suppléante" : "le suppléant") + " de " + titularName + " ("
          + (configured == null ? titularName + " n'a pas de suppléant"
              : "suppléant" + (isWoman(seating.names().apply(configured)) ? "e" : "") + " : "
                  + seating.names().apply(configured)) + ")");
    }
    String holder = entry.proxyHolderId();
    if (holder != null && !holder.isBlank()) {
      throw new RuleViolation("Appel refusé : " + titularName + " a donné pouvoir à "
          + membersInOffice.getOrDefault(holder, "« " + holder + " »") + " ; " + substituteName
          + " ne peut pas siéger en plus à sa place (un pouvoir ou un suppléant, pas les deux)");
    }
  }

  /**
   * The members who may receive a giver's proxy, as {@link #check} will accept it: present (in
   * person, by videoconference or through their substitute), not the giver, and holding fewer than the maximum of the other givers' proxies.
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
    Map<String, Boolean> seated = new HashMap<>();
    Map<String, Integer> heldBy = new HashMap<>();
    for (AttendanceEntry entry : entries == null ? List.<AttendanceEntry>of() : entries) {
      if (entry == null || entry.memberId() == null) {
        continue;
      }
      seated.putIfAbsent(entry.memberId(), entry.seated());
      String holder = entry.proxyHolderId();
      if (holder != null
          && !holder.isBlank()
          && !entry.seated()
          && !entry.memberId().equals(giverId)) {
        heldBy.merge(holder, 1, Integer::sum);
      }
    }
    List<String> eligible = new ArrayList<>();
    for (String id : membersInOffice.keySet()) {
      if (!id.equals(giverId)
          && Boolean.TRUE.equals(seated.get(id))
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
