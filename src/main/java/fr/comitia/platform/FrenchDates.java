package fr.comitia.platform;

import com.ibm.icu.text.RuleBasedNumberFormat;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The one home of French time: the zone every body lives in, and dates as people read them —
 * in words as acts write them, with ICU's spell-out rules (« seize juin deux mille vingt-deux »,
 * « premier juillet deux mille vingt-deux »), or in figures (« jeudi 16 juin 2022 à 10 h 00 »).
 */
public final class FrenchDates {

  /** The zone of the bodies' sessions, deadlines and documents. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  /** Non-breaking space, as French typography puts in « 10 h 00 » and « n° 14 ». */
  public static final char NBSP = '\u00A0';

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM", Locale.FRENCH);
  private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.FRENCH);
  private static final DateTimeFormatter NUMERIC = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRENCH);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("H' h 'mm", Locale.FRENCH);
  private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH);
  /** ICU's formatter is costly to build and not thread-safe: one per thread. */
  private static final ThreadLocal<RuleBasedNumberFormat> SPELL = ThreadLocal.withInitial(
      () -> new RuleBasedNumberFormat(Locale.FRENCH, RuleBasedNumberFormat.SPELLOUT));

  private FrenchDates() {}

  /** « seize juin deux mille vingt-deux ». */
  public static String inWords(LocalDate date) {
    RuleBasedNumberFormat spell = SPELL.get();
    String day = date.getDayOfMonth() == 1 ? "premier" : spell.format(date.getDayOfMonth());
    return day + " " + MONTH.format(date) + " " + spell.format(date.getYear());
  }

  /** « jeudi seize juin deux mille vingt-deux ». */
  public static String withWeekdayInWords(LocalDate date) {
    return WEEKDAY.format(date) + " " + inWords(date);
  }

  /** « 16 juin 2022 ». */
  public static String numeric(LocalDate date) {
    return NUMERIC.format(date);
  }

  /** « 10 h 00 », with non-breaking spaces. */
  public static String time(LocalTime time) {
    return time.getHour() + (NBSP + "h" + NBSP) + String.format("%02d", time.getMinute());
  }

  /** « jeudi 16 juin 2022 ». */
  public static String day(TemporalAccessor date) {
    return DAY.format(date);
  }

  /** « jeudi 16 juin 2022 à 10 h 00 », in Paris time. */
  public static String dayAndTime(OffsetDateTime instant) {
    OffsetDateTime paris = instant.atZoneSameInstant(ZONE).toOffsetDateTime();
    return DAY.format(paris) + " à " + HOUR.format(paris);
  }

  /** « juin 2022 ». */
  public static String monthAndYear(TemporalAccessor date) {
    return MONTH_YEAR.format(date);
  }

  /** The day in Paris of an instant. */
  public static LocalDate parisDay(OffsetDateTime instant) {
    return instant.atZoneSameInstant(ZONE).toLocalDate();
  }
}
