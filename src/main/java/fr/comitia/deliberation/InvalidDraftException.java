package fr.comitia.deliberation;

import fr.comitia.platform.RuleViolation;
import java.util.List;

/** A draft that breaks a rule; every fault is listed in French, after « Projet refusé : ». */
class InvalidDraftException extends RuleViolation {

  private static final long serialVersionUID = 1L;

  public InvalidDraftException(List<String> faults) {
    super(DeliberationVariables.OBJECT, "Projet refusé : " + String.join(" ", faults), faults);
  }
}
