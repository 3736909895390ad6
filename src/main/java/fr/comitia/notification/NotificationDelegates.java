package fr.comitia.notification;

import static fr.comitia.deliberation.DeliberationVariables.ACKNOWLEDGED;
import static fr.comitia.deliberation.DeliberationVariables.NOTIFICATION_ID;
import static fr.comitia.deliberation.DeliberationVariables.REMINDERS;

import fr.comitia.platform.Actors;
import fr.comitia.platform.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Adapters between the notification subprocess of {@code deliberation} and {@link NotificationService}. */
final class NotificationDelegates {

  private NotificationDelegates() {}

  static long notificationId(org.camunda.bpm.engine.delegate.VariableScope scope) {
    return Long.parseLong(Variables.string(scope, NOTIFICATION_ID));
  }

  /** « Préparer les notifications », once the extract is sealed: one per partner of the draft. */
  @Component("prepareNotificationsDelegate")
  static class PrepareNotificationsDelegate implements JavaDelegate {
    private final NotificationService service;

    PrepareNotificationsDelegate(NotificationService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      execution.setVariable(fr.comitia.deliberation.DeliberationVariables.PARTNER_NOTIFICATIONS,
          new java.util.ArrayList<>(service.prepare(execution.getProcessBusinessKey())));
    }
  }

  @Component("sendNotificationDelegate")
  static class SendNotificationDelegate implements JavaDelegate {
    private final NotificationService service;

    SendNotificationDelegate(NotificationService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.send(notificationId(execution));
      execution.setVariable(REMINDERS, 0);
    }
  }

  @Component("sendReminderDelegate")
  static class SendReminderDelegate implements JavaDelegate {
    private final NotificationService service;

    SendReminderDelegate(NotificationService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Integer done = Variables.integer(execution, REMINDERS);
      int reminder = (done == null ? 0 : done) + 1;
      service.remind(notificationId(execution), reminder);
      execution.setVariable(REMINDERS, reminder);
    }
  }

  /** « Relancer le partenaire » : acknowledged (receipt confirmed otherwise) or send the act again. */
  @Component("followUpNotificationListener")
  static class FollowUpNotificationListener implements TaskListener {
    private final NotificationService service;
    private final Actors actors;

    FollowUpNotificationListener(NotificationService service, Actors actors) {
      this.service = service;
      this.actors = actors;
    }

    @Override
    public void notify(DelegateTask task) {
      Boolean acknowledged = Variables.bool(task, ACKNOWLEDGED);
      if (acknowledged == null) {
        throw Variables.refusal(ACKNOWLEDGED, "Indiquez si le partenaire a confirmé la réception (acknowledged = true) "
            + "ou s'il faut lui renvoyer l'acte (false).");
      }
      if (acknowledged) {
        service.confirmByDirector(notificationId(task), actors.current(task));
      } else {
        service.resendRequested(notificationId(task));
      }
    }
  }
}
