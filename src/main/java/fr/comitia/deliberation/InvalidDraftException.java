package fr.comitia.deliberation;

import java.util.List;

/** A draft that breaks a rule; every fault is listed in French. */
public class InvalidDraftException extends RuntimeException {

  private final List<String> faults;

  public InvalidDraftException(List<String> faults) {
    super(String.join(" ", faults));
    this.faults = List.copyOf(faults);
  }

  public List<String> faults() {
    return faults;
  }
}
