package fr.comitia.support;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** Reads received mails as their recipients see them (decoded parts). */
public final class Mails {

  private Mails() {}

  /**
   * Mails received by {@code address} (any when null) whose subject contains {@code subjectPart}.
   * GreenMail lists mails mailbox by mailbox, not in arrival order: select, never slice by index.
   */
  public static java.util.List<jakarta.mail.internet.MimeMessage> received(com.icegreen.greenmail.util.GreenMail smtp,
      String address, String subjectPart) {
    java.util.List<jakarta.mail.internet.MimeMessage> found = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : smtp.getReceivedMessages()) {
      try {
        boolean to = address == null || java.util.Arrays.stream(m.getAllRecipients())
            .anyMatch(a -> a.toString().equals(address));
        if (to && m.getSubject() != null && m.getSubject().contains(subjectPart)) {
          found.add(m);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  /** The file names of a mail's attachments, in their order. */
  public static java.util.List<String> fileNames(Part part) {
    java.util.List<String> names = new java.util.ArrayList<>();
    try {
      if (part.isMimeType("multipart/*")) {
        jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          names.addAll(fileNames(multipart.getBodyPart(i)));
        }
      } else if (part.getFileName() != null) {
        names.add(part.getFileName());
      }
    } catch (MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return names;
  }

  /** The bytes of the attachment named {@code fileName}, or null. */
  public static byte[] attachment(Part part, String fileName) {
    try {
      if (part.isMimeType("multipart/*")) {
        jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          byte[] found = attachment(multipart.getBodyPart(i), fileName);
          if (found != null) {
            return found;
          }
        }
        return null;
      }
      if (fileName.equals(part.getFileName())) {
        try (java.io.InputStream in = part.getInputStream()) {
          return in.readAllBytes();
        }
      }
      return null;
    } catch (MessagingException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Mails received whose Message-ID is {@code messageId} (with its angle brackets). */
  public static java.util.List<jakarta.mail.internet.MimeMessage> withMessageId(
      com.icegreen.greenmail.util.GreenMail smtp, String messageId) {
    java.util.List<jakarta.mail.internet.MimeMessage> found = new java.util.ArrayList<>();
    for (jakarta.mail.internet.MimeMessage m : smtp.getReceivedMessages()) {
      try {
        if (messageId.equals(m.getMessageID())) {
          found.add(m);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  /** The path of the personal proxy link ({@code /procuration/…}) of a convocation. */
  public static String proxyLink(Part convocation) {
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://[^/\\s]+(/procuration/[A-Za-z0-9_.=-]+)")
        .matcher(text(convocation));
    if (!link.find()) {
      throw new AssertionError("No proxy link in the convocation");
    }
    return link.group(1);
  }

  /** The path of the member's personal page ({@code /elus/…}) in a convocation. */
  public static String memberSpaceLink(Part convocation) {
    java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://[^/\\s]+(/elus/[A-Za-z0-9_.=-]+)")
        .matcher(text(convocation));
    if (!link.find()) {
      throw new AssertionError("No personal page link in the convocation");
    }
    return link.group(1);
  }

  /** The decoded text/plain part. */
  public static String text(Part part) {
    return find(part, "text/plain");
  }

  /** The decoded text/html part, or null. */
  public static String html(Part part) {
    return find(part, "text/html");
  }

  /**
   * The invitation as the body's alternative: the {@code text/calendar} part of a
   * {@code multipart/alternative} (not an attachment), as « content type: decoded text », or null.
   */
  public static String calendarAlternative(Part part) {
    try {
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          if (part.isMimeType("multipart/alternative") && child.isMimeType("text/calendar")
              && child.getDisposition() == null) {
            return child.getContentType() + ": "
                + new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          }
          String found = calendarAlternative(child);
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
