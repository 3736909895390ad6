package fr.comitia.session;

import fr.comitia.platform.FrenchDates;
import fr.comitia.platform.RuleViolation;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Convocation delays in clear days (jours francs): neither the day the convocation is sent nor the
 * day of the session counts (CGCT L2121-11, L2121-12, L2121-17).
 */
public final class ConvocationRules {

  /** Minimum clear days between a reconvocation and the new session (CGCT L2121-17). */
  public static final int RECONVOCATION_MIN_DAYS = 3;

  /** Urgency may shorten the delay, but never below one clear day (CGCT L2121-11, L2121-12). */
  public static final int URGENCY_MIN_DAYS = 1;


  private ConvocationRules() {}

  /**
   * Clear days between the sending of the convocation and the session: the days strictly between
   * them (10 June → 16 June = 5). 0 when the session is not at least two days later.
   */
  /**
   * The last day a convocation may be sent for a session on {@code sessionDay} with a delay of
   * {@code clearDays} clear days (neither the sending day nor the session day counts): the one
   * deadline of the due dates in Tasklist and of the forms.
   */
  public static LocalDate lastDayToConvoke(LocalDate sessionDay, int clearDays) {
    return sessionDay.minusDays(clearDays + 1L);
  }

  public static long clearDays(LocalDate convocationDate, LocalDate sessionDay) {
    return Math.max(0, ChronoUnit.DAYS.between(convocationDate, sessionDay) - 1);
  }

  /** The delay in clear days under urgency: the body's delay, shortened to {@value #URGENCY_MIN_DAYS}. */
  public static int urgentClearDays(int requiredClearDays) {
    return Math.min(URGENCY_MIN_DAYS, Math.max(0, requiredClearDays));
  }

  /**
   * Checks the convocation delay of a session.
   *
   * @param requiredClearDays the body's delay (CGCT: 5)
   * @param urgent the president shortened the delay for urgency; it may go down to one clear day
   * @param urgencyReason the reason of the urgency, required when urgent
   * @throws RuleViolation when the delay is not respected
   */
  public static void check(
      LocalDate convocationDate,
      LocalDate sessionDay,
      int requiredClearDays,
      boolean urgent,
      String urgencyReason) {
    requireOrder(convocationDate, sessionDay, "Convocation refusée");
    long clear = clearDays(convocationDate, sessionDay);
    if (urgent) {
      if (urgencyReason == null || urgencyReason.isBlank()) {
        throw new RuleViolation("Urgence : le motif de l'urgence est obligatoire");
      }
      int required = urgentClearDays(requiredClearDays);
      if (clear < required) {
        throw new RuleViolation(
            "Délai de convocation non respecté : "
                + between(clear, convocationDate, sessionDay)
                + ", "
                + required
                + " requis en cas d'urgence (CGCT L2121-11)");
      }
    } else if (clear < requiredClearDays) {
      throw new RuleViolation(
          "Délai de convocation non respecté : "
              + between(clear, convocationDate, sessionDay)
              + ", "
              + requiredClearDays
              + " requis (CGCT L2121-12)");
    }
  }

  /**
   * Checks that a body reconvened after a sitting without quorum meets again at least {@value
   * #RECONVOCATION_MIN_DAYS} clear days after that sitting (CGCT L2121-17), and not before today.
   *
   * @param failedSittingDay the day of the sitting that lacked the quorum
   * @param today the day the reconvocation is sent
   * @throws RuleViolation otherwise
   */
  public static void checkReconvocation(LocalDate failedSittingDay, LocalDate today, LocalDate newSessionDay) {
    if (failedSittingDay == null || today == null || newSessionDay == null) {
      throw new RuleViolation("Reconvocation refusée : la date de la nouvelle séance est obligatoire");
    }
    if (!newSessionDay.isAfter(today)) {
      throw new RuleViolation("Reconvocation refusée : la nouvelle séance du " + frenchDate(newSessionDay)
          + " doit être postérieure à l'envoi de la reconvocation, le " + frenchDate(today));
    }
    long clear = newSessionDay.isAfter(failedSittingDay) ? clearDays(failedSittingDay, newSessionDay) : -1;
    if (clear < RECONVOCATION_MIN_DAYS) {
      throw new RuleViolation("Reconvocation refusée : la nouvelle séance du " + frenchDate(newSessionDay)
          + (clear < 0 ? " précède la séance du " + frenchDate(failedSittingDay) + " qui n'a pas atteint le quorum"
              : " n'est qu'à " + clear + (clear > 1 ? " jours francs" : " jour franc") + " de la séance du "
                  + frenchDate(failedSittingDay) + " qui n'a pas atteint le quorum")
          + ", " + RECONVOCATION_MIN_DAYS + " jours francs requis (CGCT L2121-17)");
    }
  }

  /** The first day a body may be reconvened: 3 clear days after the sitting without quorum, after today. */
  public static LocalDate earliestReconvocation(LocalDate failedSittingDay, LocalDate today) {
    LocalDate earliest = failedSittingDay.plusDays(RECONVOCATION_MIN_DAYS + 1L);
    return earliest.isAfter(today) ? earliest : today.plusDays(1);
  }

  /** A date in French, « 16 juin 2022 », « 1er juillet 2022 ». */
  static String frenchDate(LocalDate date) {
    String day = date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth());
    return day + " " + FrenchDates.monthAndYear(date);
  }

  private static void requireOrder(LocalDate sent, LocalDate sessionDay, String prefix) {
    if (sent == null || sessionDay == null) {
      throw new RuleViolation(prefix + " : la date d'envoi et la date de la séance sont obligatoires");
    }
    if (!sessionDay.isAfter(sent)) {
      throw new RuleViolation(
          prefix
              + " : la séance du "
              + frenchDate(sessionDay)
              + " doit être postérieure à l'envoi du "
              + frenchDate(sent));
    }
  }

  private static String between(long clear, LocalDate from, LocalDate to) {
    return clear
        + (clear > 1 ? " jours francs" : " jour franc")
        + " entre le "
        + frenchDate(from)
        + " et le "
        + frenchDate(to);
  }
}
