package fr.comitia.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** Reads received mails as their recipients see them (decoded parts). */
public final class Mails {

  private Mails() {}

  /** The decoded text/plain part. */
  public static String text(Part part) {
    return find(part, "text/plain");
  }

  /** The decoded text/html part, or null. */
  public static String html(Part part) {
    return find(part, "text/html");
  }

  private static String find(Part part, String type) {
    try {
      if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        return (String) part.getContent();
      }
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          String found = find(child, type);
          if (found != null) {
            return found;
          }
        }
      }
      return null;
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
