package fr.comitia.session;

import fr.comitia.platform.RuleViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ConvocationRulesTest {

  private static final LocalDate SESSION = LocalDate.of(2022, 6, 16);

  @Test
  void clearDaysCountNeitherTheSendingDayNorTheSessionDay() {
    assertThat(ConvocationRules.clearDays(LocalDate.of(2022, 6, 10), SESSION)).isEqualTo(5);
    assertThat(ConvocationRules.clearDays(LocalDate.of(2022, 6, 14), SESSION)).isEqualTo(1);
    assertThat(ConvocationRules.clearDays(LocalDate.of(2022, 6, 15), SESSION)).isZero();
    assertThat(ConvocationRules.clearDays(SESSION, SESSION)).isZero();
    assertThat(ConvocationRules.clearDays(LocalDate.of(2022, 5, 31), LocalDate.of(2022, 6, 2)))
        .isEqualTo(1);
  }

  @Test
  void seedConvocationOfTenJuneRespectsFiveClearDays() {
    assertThatCode(() -> ConvocationRules.check(LocalDate.of(2022, 6, 10), SESSION, 5, false, null))
        .doesNotThrowAnyException();
  }

  @Test
  void elevenJuneIsOneDayShort() {
    assertThatThrownBy(
            () -> ConvocationRules.check(LocalDate.of(2022, 6, 11), SESSION, 5, false, null))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Délai de convocation non respecté : 4 jours francs entre le 11 juin 2022 et le 16 juin 2022, 5 requis (CGCT L2121-12)");
  }

  @Test
  void shortDelayIsRefusedWithTheFigures() {
    assertThatThrownBy(
            () -> ConvocationRules.check(LocalDate.of(2022, 6, 12), SESSION, 5, false, ""))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Délai de convocation non respecté : 3 jours francs entre le 12 juin 2022 et le 16 juin 2022, 5 requis (CGCT L2121-12)");
  }

  @Test
  void bodyDelayFromStatutsApplies() {
    assertThatCode(() -> ConvocationRules.check(LocalDate.of(2022, 6, 12), SESSION, 3, false, null))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> ConvocationRules.check(LocalDate.of(2022, 6, 10), SESSION, 7, false, null))
        .hasMessageContaining("5 jours francs")
        .hasMessageContaining("7 requis");
  }

  @Test
  void sessionMustFollowTheConvocation() {
    assertThatThrownBy(() -> ConvocationRules.check(SESSION, SESSION, 5, false, null))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Convocation refusée : la séance du 16 juin 2022 doit être postérieure à l'envoi du 16 juin 2022");
    assertThatThrownBy(
            () -> ConvocationRules.check(LocalDate.of(2022, 6, 20), SESSION, 1, true, "Crue"))
        .isInstanceOf(RuleViolation.class);
  }

  @Test
  void urgencyShortensTheDelayToOneClearDay() {
    assertThatCode(
            () ->
                ConvocationRules.check(
                    LocalDate.of(2022, 6, 14), SESSION, 5, true, "Échéance du marché au 17 juin"))
        .doesNotThrowAnyException();
  }

  @Test
  void urgencyNeedsAReason() {
    assertThatThrownBy(
            () -> ConvocationRules.check(LocalDate.of(2022, 6, 14), SESSION, 5, true, "  "))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Urgence : le motif de l'urgence est obligatoire");
    assertThatThrownBy(
            () -> ConvocationRules.check(LocalDate.of(2022, 6, 14), SESSION, 5, true, null))
        .hasMessage("Urgence : le motif de l'urgence est obligatoire");
  }

  @Test
  void urgencyCannotGoBelowOneClearDay() {
    assertThatThrownBy(
            () -> ConvocationRules.check(LocalDate.of(2022, 6, 15), SESSION, 5, true, "Crue"))
        .isInstanceOf(RuleViolation.class)
        .hasMessage(
            "Délai de convocation non respecté : 0 jour franc entre le 15 juin 2022 et le 16 juin 2022, 1 requis en cas d'urgence (CGCT L2121-11)");
  }

  @Test
  void firstOfTheMonthIsWrittenPremier() {
    assertThatThrownBy(
            () ->
                ConvocationRules.check(
                    LocalDate.of(2022, 7, 1), LocalDate.of(2022, 7, 4), 5, false, null))
        .hasMessage(
            "Délai de convocation non respecté : 2 jours francs entre le 1er juillet 2022 et le 4 juillet 2022, 5 requis (CGCT L2121-12)");
  }

  @Test
  void theFormProposesTheFirstDayTheRuleAllows() {
    LocalDate failed = LocalDate.of(2022, 6, 16);
    assertThat(ConvocationRules.earliestReconvocation(failed, failed)).isEqualTo(LocalDate.of(2022, 6, 20));
    assertThat(ConvocationRules.earliestReconvocation(failed, LocalDate.of(2022, 6, 19)))
        .isEqualTo(LocalDate.of(2022, 6, 20));
    assertThat(ConvocationRules.earliestReconvocation(failed, LocalDate.of(2022, 6, 25)))
        .isEqualTo(LocalDate.of(2022, 6, 26));
    assertThatCode(() -> ConvocationRules.checkReconvocation(failed, LocalDate.of(2022, 6, 19),
        ConvocationRules.earliestReconvocation(failed, LocalDate.of(2022, 6, 19)))).doesNotThrowAnyException();
  }

  @Test
  void reconvocationNeedsThreeClearDaysAfterTheSittingWithoutQuorum() {
    LocalDate failed = LocalDate.of(2022, 6, 16);
    assertThat(ConvocationRules.RECONVOCATION_MIN_DAYS).isEqualTo(3);
    // 17, 18, 19 June: three clear days between the sitting of the 16th and the 20th.
    assertThatCode(() -> ConvocationRules.checkReconvocation(failed, LocalDate.of(2022, 6, 16), LocalDate.of(2022, 6, 20)))
        .doesNotThrowAnyException();
    // Sent later does not matter: the delay runs from the sitting that lacked the quorum.
    assertThatCode(() -> ConvocationRules.checkReconvocation(failed, LocalDate.of(2022, 6, 18), LocalDate.of(2022, 6, 20)))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ConvocationRules.checkReconvocation(failed, LocalDate.of(2022, 6, 16),
            LocalDate.of(2022, 6, 19)))
        .isInstanceOf(RuleViolation.class)
        .hasMessage("Reconvocation refusée : la nouvelle séance du 19 juin 2022 n'est qu'à 2 jours francs de la séance "
            + "du 16 juin 2022 qui n'a pas atteint le quorum, 3 jours francs requis (CGCT L2121-17)");
    assertThatThrownBy(() -> ConvocationRules.checkReconvocation(failed, LocalDate.of(2022, 6, 10),
            LocalDate.of(2022, 6, 14)))
        .hasMessage("Reconvocation refusée : la nouvelle séance du 14 juin 2022 précède la séance du 16 juin 2022 qui "
            + "n'a pas atteint le quorum, 3 jours francs requis (CGCT L2121-17)");
    assertThatThrownBy(() -> ConvocationRules.checkReconvocation(failed, LocalDate.of(2022, 6, 21),
            LocalDate.of(2022, 6, 20)))
        .hasMessage("Reconvocation refusée : la nouvelle séance du 20 juin 2022 doit être postérieure à l'envoi de la "
            + "reconvocation, le 21 juin 2022");
  }
}
