package fr.comitia.document;

import com.ibm.icu.text.RuleBasedNumberFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as French acts write them, in words, with ICU's spell-out rules: « seize juin deux mille
 * vingt-deux », « premier juillet deux mille vingt-deux ».
 */
public final class FrenchDates {

  /** Non-breaking space, as French typography puts in « 10 h 00 » and « n° 14 ». */
  static final char NBSP = '\u00A0';

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.FRENCH);
  private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH);
  private static final DateTimeFormatter NUMERIC = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

  private FrenchDates() {}

  public static String inWords(LocalDate date) {
    RuleBasedNumberFormat spell = new RuleBasedNumberFormat(Locale.FRENCH, RuleBasedNumberFormat.SPELLOUT);
    String day = date.getDayOfMonth() == 1 ? "premier" : spell.format(date.getDayOfMonth());
    return day + " " + MONTH.format(date) + " " + spell.format(date.getYear());
  }

  /** « jeudi seize juin deux mille vingt-deux ». */
  public static String withWeekdayInWords(LocalDate date) {
    return WEEKDAY.format(date) + " " + inWords(date);
  }

  /** « Le seize juin deux mille vingt-deux » at the start of a sentence. */
  public static String capitalizedInWords(LocalDate date) {
    String words = inWords(date);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** « 16 juin 2022 ». */
  public static String numeric(LocalDate date) {
    return NUMERIC.format(date);
  }

  /** « 10 h 00 », with non-breaking spaces. */
  public static String time(LocalTime time) {
    return time.getHour() + (NBSP + "h" + NBSP) + String.format("%02d", time.getMinute());
  }
}
