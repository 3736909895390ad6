/**
 * Notification of an adopted act to its partners: one mail each with the signed extract, reminders, the
 * acknowledgement link and page. Prepared by its own delegate ({@code prepareNotifications}); what was sent
 * and acknowledged is kept in the register ({@code register.NotificationRepository}, table
 * {@code notification}). Owns no table of its own.
 */
package fr.comitia.notification;
