/**
 * Every mail sent once: the delivery row is claimed atomically before sending; the outbox and process
 * {@code mailDelivery} for mails sent outside a job of their own. Owns the table {@code mail_delivery}.
 */
package fr.comitia.mail;
