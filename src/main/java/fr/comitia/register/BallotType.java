package fr.comitia.register;

/** How an item was voted (CGCT L2121-21), with the words the documents print. */
public enum BallotType {
  /** À main levée: figures only. */
  SHOW_OF_HANDS("à main levée"),
  /** Scrutin public (by roll call, at the request of a quarter of the members present): each voter's choice. */
  ROLL_CALL("au scrutin public"),
  /** Scrutin secret: figures only, never a name. */
  SECRET("au scrutin secret");

  private final String words;

  BallotType(String words) {
    this.words = words;
  }

  /** « au scrutin public » */
  public String words() {
    return words;
  }
}
