package fr.comitia.document;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Adapters between the processes and the register's documents. */
final class DocumentDelegates {

  private DocumentDelegates() {}

  /** « Établir l'extrait du registre » : the extract, numbered, for the president to read and sign. */
  @Component("renderExtractDelegate")
  static class RenderExtractDelegate implements JavaDelegate {
    private final ExtractService extracts;

    RenderExtractDelegate(ExtractService extracts) {
      this.extracts = extracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
      extracts.store(execution.getProcessBusinessKey());
    }
  }

  /**
   * « Signer électroniquement l'extrait », after the president's « Signer l'extrait »: the extract's
   * PDF is signed (PAdES) with the president's certificate and kept as {@code SIGNED_EXTRACT}; the
   * HTML extract is kept again with the signature (date, certificate). The partners' notifications
   * are prepared next, by the notification module ({@code prepareNotifications}).
   */
  @Component("sealExtractDelegate")
  static class SealExtractDelegate implements JavaDelegate {
    private final ExtractService extracts;
    private final SignedExtracts signedExtracts;

    SealExtractDelegate(ExtractService extracts, SignedExtracts signedExtracts) {
      this.extracts = extracts;
      this.signedExtracts = signedExtracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String id = execution.getProcessBusinessKey();
      signedExtracts.seal(id);
      extracts.store(id);
    }
  }

  /** « Établir le procès-verbal » : minutes and list of the session's deliberations. */
  @Component("produceMinutesDelegate")
  static class ProduceMinutesDelegate implements JavaDelegate {
    private final MinutesService minutes;

    ProduceMinutesDelegate(MinutesService minutes) {
      this.minutes = minutes;
    }

    @Override
    public void execute(DelegateExecution execution) {
      minutes.store(execution.getProcessBusinessKey());
    }
  }
}
