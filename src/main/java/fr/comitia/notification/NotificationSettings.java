package fr.comitia.notification;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Delays and reminders of the partner notification, read by process {@code deliberation} (timer
 * {@code reminderDue}, gateway {@code remindersLeft}).
 */
@Component("notificationSettings")
public class NotificationSettings {

  private final String reminderDelay;
  private final int maxReminders;
  private final Duration linkValidity;

  NotificationSettings(
      @Value("${comitia.notification.reminder-delay:P7D}") String reminderDelay,
      @Value("${comitia.notification.max-reminders:3}") int maxReminders,
      @Value("${comitia.notification.link-validity:P365D}") Duration linkValidity) {
    Duration.parse(reminderDelay);
    if (maxReminders < 0) {
      throw new IllegalArgumentException("comitia.notification.max-reminders must be 0 or more: " + maxReminders);
    }
    this.reminderDelay = reminderDelay;
    this.maxReminders = maxReminders;
    this.linkValidity = linkValidity;
  }

  /** Reminders sent by mail before the director is asked to follow the partner up; 3 by default. */
  public int maxReminders() {
    return maxReminders;
  }

  /** ISO-8601 duration between the notification (or a reminder) and the next reminder; P7D by default. */
  public String reminderDelay() {
    return reminderDelay;
  }

  Duration linkValidity() {
    return linkValidity;
  }
}
