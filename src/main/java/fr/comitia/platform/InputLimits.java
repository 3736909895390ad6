package fr.comitia.platform;

import java.util.List;

/**
 * The one home of the size limits of what people and callers send (README, « Fiabilité et
 * sécurité »): every text has a maximum, every list a maximum count, and no text carries control
 * characters (other than tab and line breaks). Texts are kept in the register, which has no such
 * limit of its own; the limits keep documents readable and requests cheap. Each check answers the
 * French fault, or {@code null} when the value is acceptable.
 */
public final class InputLimits {

  public static final int ID = 64;
  public static final int OBJECT = 1_000;
  public static final int PREAMBLE = 50_000;
  public static final int VISA = 2_000;
  public static final int VISAS = 50;
  public static final int PROPOSAL = 1_000;
  public static final int ARTICLE_VERB = 60;
  public static final int ARTICLE_TEXT = 10_000;
  public static final int ARTICLES = 100;
  public static final int ANNEX_TITLE = 500;
  /** The substance of the debate on one item (recordVote « debateSummary »). */
  public static final int DEBATE_SUMMARY = 20_000;
  public static final int ANNEXES = 50;
  public static final int PARTNERS = 50;
  public static final int PARTNER_NAME = 300;
  public static final int EMAIL = 254;
  public static final int NOTE = 10_000;
  public static final int PLACE = 300;
  public static final int URGENCY_REASON = 2_000;
  public static final int REVIEW_COMMENT = 4_000;
  public static final int AGENDA = 100;
  public static final int ATTENDANCE = 1_000;
  /** Dates a person may mean: sessions between these years. */
  public static final int FIRST_YEAR = 2000;
  public static final int LAST_YEAR = 2100;

  private InputLimits() {}

  /** A text of at most {@code max} characters, without control characters. */
  public static String text(String label, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      return label + " dépasse " + format(max) + " caractères (reçu : " + format(value.length()) + ").";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        return label + " contient un caractère de contrôle interdit (U+" + String.format("%04X", (int) c)
            + ", position " + (i + 1) + ").";
      }
    }
    return null;
  }

  /** A list of at most {@code max} items. */
  public static String count(String label, List<?> values, int max) {
    return values != null && values.size() > max
        ? label + " : au plus " + format(max) + " éléments (reçu : " + format(values.size()) + ")."
        : null;
  }

  /** Throws the fault of a single text as a rule violation (a 400 with the French message). */
  public static String checked(String field, String label, String value, int max) {
    String fault = text(label, value, max);
    if (fault != null) {
      throw Variables.refusal(field, fault);
    }
    return value;
  }

  static String format(int n) {
    return String.format(java.util.Locale.FRENCH, "%,d", n).replace('\u202f', ' ').replace('\u00a0', ' ');
  }
}
