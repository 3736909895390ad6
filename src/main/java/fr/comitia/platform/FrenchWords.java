package fr.comitia.platform;

/**
 * French agreement with the person a text is about, from their civility as the roster writes it
 * (« M. », « Mme »): « convoquée », « elle », « suppléante ». One rule for every page and mail.
 */
public final class FrenchWords {

  private FrenchWords() {}

  public static boolean feminine(String civility) {
    return "Mme".equals(civility);
  }

  /** {@code feminine} for a woman, {@code masculine} otherwise. */
  public static String agree(String civility, String masculine, String feminine) {
    return agree(feminine(civility), masculine, feminine);
  }

  /** {@code feminineWord} when the text agrees in the feminine, {@code masculine} otherwise. */
  public static String agree(boolean feminine, String masculine, String feminineWord) {
    return feminine ? feminineWord : masculine;
  }

  /** « 1 pouvoir », « 2 pouvoirs » (a plural in « s »). */
  public static String count(int n, String singular) {
    return n + " " + singular + (n > 1 ? "s" : "");
  }
}
