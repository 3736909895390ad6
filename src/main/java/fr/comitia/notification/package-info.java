/**
 * Notification of an adopted act to its partners: one mail each with the signed extract, reminders, the
 * acknowledgement link. Owns the table {@code notification}.
 */
package fr.comitia.notification;
