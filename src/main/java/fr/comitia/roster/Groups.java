package fr.comitia.roster;

import java.util.List;
import java.util.Map;

/** The Camunda groups of Comitia: ids are a public contract (candidate groups, filters). */
public final class Groups {

  public static final String DRAFTER = "drafter";
  public static final String DIRECTOR = "director";
  public static final String SECRETARIAT = "secretariat";
  public static final String PRESIDENT = "president";
  public static final String MEMBER = "member";
  public static final String ADMIN = "camunda-admin";

  /** Groups an account may be given in the organisation file. */
  public static final List<String> ROLE_GROUPS = List.of(DRAFTER, DIRECTOR, SECRETARIAT, PRESIDENT, MEMBER);

  /** French names shown in Tasklist and Admin. */
  public static final Map<String, String> NAMES = Map.of(
      DRAFTER, "Rédaction",
      DIRECTOR, "Direction",
      SECRETARIAT, "Secrétariat des assemblées",
      PRESIDENT, "Présidence",
      MEMBER, "Membres");

  private Groups() {}
}
