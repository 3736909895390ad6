package fr.comitia.notification;

import fr.comitia.platform.FrenchDates;
import static fr.comitia.deliberation.DeliberationVariables.NOTIFICATION_ID;

import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.platform.TaskFormData;
import fr.comitia.platform.Variables;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** What the form « Relancer le partenaire » shows: the partner, the act, the mails sent so far. */
final class NotificationForms {

  static final String NOTIFICATION_VIEW = "notificationView";
  static final ZoneId PARIS = FrenchDates.ZONE;

  private NotificationForms() {}

  @Component("followUpViewListener")
  static class FollowUpViewListener implements TaskListener {
    private final NotificationService notifications;
    private final DeliberationRecords records;

    FollowUpViewListener(NotificationService notifications, DeliberationRecords records) {
      this.notifications = notifications;
      this.records = records;
    }

    @Override
    public void notify(DelegateTask task) {
      long id = Long.parseLong(Variables.string(task, NOTIFICATION_ID));
      fr.comitia.register.NotificationRepository.Notification n = notifications.find(id).orElseThrow();
      DeliberationRecord record = records.find(n.deliberationId()).orElseThrow();
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("partner", n.name());
      view.put("email", n.email());
      view.put("notifiedAt", n.notifiedAt() == null ? null : FrenchDates.dayAndTime(n.notifiedAt()));
      view.put("reminders", n.reminders());
      view.put("deliberationId", n.deliberationId());
      view.put("number", record.number());
      view.put("object", record.object());
      view.put("pdf", "/api/deliberations/" + n.deliberationId() + "/extract.pdf");
      TaskFormData.show(task, NOTIFICATION_VIEW, view);
    }
  }
}
