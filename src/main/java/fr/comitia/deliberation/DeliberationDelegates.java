package fr.comitia.deliberation;

import fr.comitia.register.Draft;

import static fr.comitia.deliberation.DeliberationVariables.*;

import fr.comitia.platform.Actors;
import fr.comitia.platform.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The small adapters between process {@code deliberation} and {@link DeliberationService}. */
final class DeliberationDelegates {

  private DeliberationDelegates() {}

  static String id(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  static String id(DelegateTask task) {
    return task.getExecution().getProcessBusinessKey();
  }

  /** Writes the draft into the register under a new id, which becomes the business key. */
  @Component("registerDraftDelegate")
  static class RegisterDraftDelegate implements JavaDelegate {
    private final DeliberationService service;

    RegisterDraftDelegate(DeliberationService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Draft draft = DraftMapper.fromVariables(execution);
      String id = service.register(execution.getProcessBusinessKey(), draft,
          Variables.string(execution, INITIATOR_ID), execution.getProcessInstanceId());
      execution.setProcessBusinessKey(id);
    }
  }

  /** « Valider le projet » : approved, and a comment when the draft goes back to its drafter. */
  @Component("reviewDraftListener")
  static class ReviewDraftListener implements TaskListener {
    private final DeliberationService service;
    private final Actors actors;

    ReviewDraftListener(DeliberationService service, Actors actors) {
      this.service = service;
      this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
      Boolean approved = Variables.bool(task, APPROVED);
      if (approved == null) {
        throw Variables.refusal(APPROVED, "Indiquez si le projet est validé (approved) ou renvoyé au rédacteur.");
      }
      String comment = Variables.string(task, REVIEW_COMMENT, "Le commentaire (reviewComment)",
          fr.comitia.platform.InputLimits.REVIEW_COMMENT);
      if (!approved && comment == null) {
        throw Variables.refusal(REVIEW_COMMENT,
            "Un commentaire est obligatoire pour renvoyer le projet au rédacteur (reviewComment).");
      }
      service.review(id(task), actors.current(task), approved, comment);
    }
  }

  /** « Corriger le projet » : the fields sent replace those of the draft, the others stay. */
  @Component("reviseDraftListener")
  static class ReviseDraftListener implements TaskListener {
    private final DeliberationService service;

    ReviseDraftListener(DeliberationService service) {
      this.service = service;
    }

    @Override
    public void notify(DelegateTask task) {
      service.revise(id(task), DraftMapper.fromVariables(task));
      task.getExecution().removeVariable(APPROVED);
      task.getExecution().removeVariable(REVIEW_COMMENT);
    }
  }

  @Component("awaitSessionDelegate")
  static class AwaitSessionDelegate implements JavaDelegate {
    private final DeliberationService service;

    AwaitSessionDelegate(DeliberationService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.awaitSession(id(execution));
    }
  }

  @Component("markRejectedDelegate")
  static class MarkRejectedDelegate implements JavaDelegate {
    private final DeliberationService service;

    MarkRejectedDelegate(DeliberationService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.markRejected(id(execution));
    }
  }

  @Component("assignNumberDelegate")
  static class AssignNumberDelegate implements JavaDelegate {
    private final DeliberationService service;

    AssignNumberDelegate(DeliberationService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(NUMBER,
          service.assignNumber(id(execution), Variables.integer(execution, SESSION_YEAR)));
    }
  }

  /** « Signer l'extrait » : signed must be true, and the signer the body's president. */
  @Component("signExtractListener")
  static class SignExtractListener implements TaskListener {
    private final DeliberationService service;
    private final Actors actors;

    SignExtractListener(DeliberationService service, Actors actors) {
      this.service = service;
      this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
      if (!Boolean.TRUE.equals(Variables.bool(task, SIGNED))) {
        throw Variables.refusal(SIGNED, "Signature requise : confirmez la signature de l'extrait (signed = true).");
      }
      service.sign(id(task), actors.current(task));
    }
  }

  @Component("markNotifiedDelegate")
  static class MarkNotifiedDelegate implements JavaDelegate {
    private final DeliberationService service;

    MarkNotifiedDelegate(DeliberationService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.markNotified(id(execution));
    }
  }
}
