package fr.comitia.minutes;

import static fr.comitia.minutes.MinutesVariables.*;

import fr.comitia.platform.Actors;
import fr.comitia.platform.TaskFormData;
import fr.comitia.platform.Variables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The delegates and listeners of process {@code minutes}: each maps variables and calls {@link MinutesLifecycle}. */
final class MinutesDelegates {

  private MinutesDelegates() {}

  /** What the signing forms show: the session, the PDF to read, who signs. */
  @Component("minutesViewListener")
  static class MinutesViewListener implements TaskListener {
    private final fr.comitia.register.SessionRecords sessions;
    private final fr.comitia.roster.Organisation organisation;

    MinutesViewListener(fr.comitia.register.SessionRecords sessions, fr.comitia.roster.Organisation organisation) {
      this.sessions = sessions;
      this.organisation = organisation;
    }

    @Override
    public void notify(DelegateTask task) {
      String sessionId = task.getExecution().getProcessBusinessKey();
      var session = sessions.find(sessionId).orElseThrow();
      boolean countersign = TASK_COUNTERSIGN_MINUTES.equals(task.getTaskDefinitionKey());
      String signer = Variables.string(task, countersign ? SESSION_SECRETARY_ID : PRESIDENT_ID);
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("sessionId", sessionId);
      view.put("bodyName", session.bodyName());
      view.put("day", fr.comitia.platform.FrenchDates.day(fr.comitia.platform.FrenchDates.parisDay(
          session.sessionDate())));
      view.put("countersign", countersign);
      view.put("role", countersign ? "secrétaire de séance" : "président");
      view.put("signer", organisation.member(signer).map(fr.comitia.roster.Organisation.Member::fullName)
          .orElse(signer));
      view.put("pdf", "/api/sessions/" + sessionId + "/minutes.pdf");
      TaskFormData.show(task, MINUTES_VIEW, view);
    }
  }

  /** « Signer le procès-verbal » : signed true, by the president. */
  @Component("signMinutesListener")
  static class SignMinutesListener implements TaskListener {
    private final MinutesLifecycle lifecycle;
    private final Actors actors;

    SignMinutesListener(MinutesLifecycle lifecycle, Actors actors) {
      this.lifecycle = lifecycle;
      this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
      lifecycle.sign(task.getExecution().getProcessBusinessKey(), actors.current(task),
          Variables.string(task, PRESIDENT_ID), Variables.bool(task, SIGNED));
    }
  }

  /** The president's signature applied to the PDF (retried job, once). */
  @Component("sealMinutesDelegate")
  static class SealMinutesDelegate implements JavaDelegate {
    private final MinutesLifecycle lifecycle;

    SealMinutesDelegate(MinutesLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.seal(execution.getProcessBusinessKey());
    }
  }

  /** « Contresigner le procès-verbal » : signed true, by that session's secretary. */
  @Component("countersignMinutesListener")
  static class CountersignMinutesListener implements TaskListener {
    private final MinutesLifecycle lifecycle;
    private final Actors actors;

    CountersignMinutesListener(MinutesLifecycle lifecycle, Actors actors) {
      this.lifecycle = lifecycle;
      this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
      lifecycle.countersign(task.getExecution().getProcessBusinessKey(), actors.current(task),
          Variables.string(task, SESSION_SECRETARY_ID), Variables.bool(task, SIGNED));
      // The next form starts unticked.
      task.getExecution().getProcessInstance().removeVariable(SIGNED);
    }
  }

  /** The secretary's signature applied over the president's (retried job, once). */
  @Component("countersealMinutesDelegate")
  static class CountersealMinutesDelegate implements JavaDelegate {
    private final MinutesLifecycle lifecycle;

    CountersealMinutesDelegate(MinutesLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.counterseal(execution.getProcessBusinessKey(), Variables.string(execution, SESSION_SECRETARY_ID));
    }
  }

  /** « Mettre en ligne le procès-verbal » (retried job), and « Publier le procès-verbal » when overdue. */
  @Component("putMinutesOnlineDelegate")
  static class PutMinutesOnlineDelegate implements JavaDelegate {
    private final MinutesLifecycle lifecycle;

    PutMinutesOnlineDelegate(MinutesLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.publish(execution.getProcessBusinessKey());
    }
  }

  @Component("publishMinutesListener")
  static class PublishMinutesListener implements TaskListener {
    private final MinutesLifecycle lifecycle;

    PublishMinutesListener(MinutesLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void notify(DelegateTask task) {
      lifecycle.publish(task.getExecution().getProcessBusinessKey());
    }
  }
}
