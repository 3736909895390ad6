package fr.comitia.legality;

import static fr.comitia.deliberation.DeliberationVariables.RETRANSMIT;
import static fr.comitia.deliberation.DeliberationVariables.TRANSMISSION_ATTEMPT;
import static fr.comitia.deliberation.DeliberationVariables.TRANSMISSION_STATUS;

import fr.comitia.platform.TaskFormData;
import fr.comitia.platform.Variables;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** The small adapters between process {@code deliberation} and the legality services. */
final class LegalityDelegates {

  /** Task variable of « Traiter l'échec de transmission »: what was refused and why. */
  static final String TRANSMISSION_VIEW = "transmissionView";

  private LegalityDelegates() {}

  static int attempt(VariableScope scope) {
    Integer attempt = Variables.integer(scope, TRANSMISSION_ATTEMPT);
    return attempt == null ? 1 : attempt;
  }

  /** « Publier l'acte au registre en ligne » */
  @Component("publishActDelegate")
  static class PublishActDelegate implements JavaDelegate {
    private final PublicationService publications;

    PublishActDelegate(PublicationService publications) {
      this.publications = publications;
    }

    @Override
    public void execute(DelegateExecution execution) {
      publications.publish(execution.getProcessBusinessKey());
    }
  }

  /** « Transmettre l'acte à la préfecture » : the current attempt, once. */
  @Component("transmitActDelegate")
  static class TransmitActDelegate implements JavaDelegate {
    private final TransmissionService transmissions;

    TransmitActDelegate(TransmissionService transmissions) {
      this.transmissions = transmissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
      int attempt = attempt(execution);
      execution.setVariable(TRANSMISSION_ATTEMPT, attempt);
      execution.setVariable(TRANSMISSION_STATUS, transmissions.transmit(execution.getProcessBusinessKey(), attempt));
    }
  }

  /** « Demander l'accusé de réception » */
  @Component("checkTransmissionDelegate")
  static class CheckTransmissionDelegate implements JavaDelegate {
    private final TransmissionService transmissions;

    CheckTransmissionDelegate(TransmissionService transmissions) {
      this.transmissions = transmissions;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(TRANSMISSION_STATUS,
          transmissions.check(execution.getProcessBusinessKey(), attempt(execution)));
    }
  }

  /** « Rendre l'acte exécutoire » */
  @Component("declareEnforceableDelegate")
  static class DeclareEnforceableDelegate implements JavaDelegate {
    private final EnforceabilityService enforceability;

    DeclareEnforceableDelegate(EnforceabilityService enforceability) {
      this.enforceability = enforceability;
    }

    @Override
    public void execute(DelegateExecution execution) {
      enforceability.declare(execution.getProcessBusinessKey());
    }
  }

  /** What the director reads in « Traiter l'échec de transmission ». */
  @Component("transmissionViewListener")
  static class TransmissionViewListener implements TaskListener {
    private final DeliberationRecords records;

    TransmissionViewListener(DeliberationRecords records) {
      this.records = records;
    }

    @Override
    public void notify(DelegateTask task) {
      String id = task.getExecution().getProcessBusinessKey();
      DeliberationRecord record = records.find(id).orElseThrow();
      DeliberationRecord.Transmission t = record.transmission();
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", id);
      view.put("number", record.number());
      view.put("object", record.object());
      view.put("nature", record.natureLabel());
      view.put("matiere", record.matiere() + " " + record.matiereLabel());
      view.put("attempt", t == null ? null : t.attempt());
      view.put("refusal", t == null ? null : t.refusal());
      view.put("gateway", t == null ? null : t.gateway());
      view.put("pdf", "/api/deliberations/" + id + "/extract.pdf");
      TaskFormData.show(task, TRANSMISSION_VIEW, view);
    }
  }

  /** « Traiter l'échec de transmission » : retransmit (a new attempt) or abandon. */
  @Component("handleTransmissionListener")
  static class HandleTransmissionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
      Boolean retransmit = Variables.bool(task, RETRANSMIT);
      if (retransmit == null) {
        throw Variables.refusal(RETRANSMIT,
            "Indiquez s'il faut retransmettre l'acte à la préfecture ou abandonner sa transmission (retransmit).");
      }
      task.getExecution().setVariable(RETRANSMIT, retransmit);
      if (retransmit) {
        task.getExecution().setVariable(TRANSMISSION_ATTEMPT, attempt(task.getExecution()) + 1);
      }
    }
  }

  /** « Mettre en ligne la liste des délibérations », right after the close (retried with back-off). */
  @Component("putDeliberationsListOnlineDelegate")
  static class PutDeliberationsListOnlineDelegate implements JavaDelegate {
    private final DeliberationsLists lists;

    PutDeliberationsListOnlineDelegate(DeliberationsLists lists) {
      this.lists = lists;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lists.publish(execution.getProcessBusinessKey());
    }
  }

  /** « Publier la liste des délibérations » (secretariat), when the list was not online by its due date. */
  @Component("publishDeliberationsListListener")
  static class PublishDeliberationsListListener implements TaskListener {
    private final DeliberationsLists lists;

    PublishDeliberationsListListener(DeliberationsLists lists) {
      this.lists = lists;
    }

    @Override
    public void notify(DelegateTask task) {
      lists.publish(task.getExecution().getProcessBusinessKey());
    }
  }
}
