package fr.comitia.mail;

import java.util.List;

/**
 * A mail to send once. {@code id} is stable for the same mail (e.g. one member's convocation to one
 * sitting): it makes the Message-ID, and a second send of the same id does nothing.
 */
public record OutgoingMail(
    String id,
    String kind,
    String to,
    String recipientId,
    String subject,
    String text,
    String html,
    String sessionId,
    String deliberationId,
    List<Attachment> attachments) {

  /** A subject longer than this (a long object) is cut with « … »: mail clients show no more. */
  static final int MAX_SUBJECT = 250;

  public OutgoingMail {
    if (subject != null && subject.length() > MAX_SUBJECT) {
      subject = subject.substring(0, MAX_SUBJECT - 1).strip() + "…";
    }
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  public record Attachment(String fileName, String mediaType, byte[] content) {}
}
