package fr.comitia.notification;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Delays of the partner notification, read by process {@code deliberation} (timer {@code reminderDue}). */
@Component("notificationSettings")
public class NotificationSettings {

  public static final int MAX_REMINDERS = 3;

  private final String reminderDelay;
  private final Duration linkValidity;

  NotificationSettings(
      @Value("${comitia.notification.reminder-delay:P7D}") String reminderDelay,
      @Value("${comitia.notification.link-validity:P365D}") Duration linkValidity) {
    Duration.parse(reminderDelay);
    this.reminderDelay = reminderDelay;
    this.linkValidity = linkValidity;
  }

  /** ISO-8601 duration between the notification (or a reminder) and the next reminder; P7D by default. */
  public String reminderDelay() {
    return reminderDelay;
  }

  Duration linkValidity() {
    return linkValidity;
  }
}
