package fr.comitia.mail;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The mails received by the embedded SMTP server of the trial run, for an administrator to read.
 * Empty when Comitia sends through a real SMTP server.
 */
@Service
public class CapturedMailbox {

  private final ObjectProvider<GreenMail> server;

  CapturedMailbox(ObjectProvider<GreenMail> server) {
    this.server = server;
  }

  /**
   * A captured mail, decoded: its text and HTML parts as a person reads them (quoted-printable and
   * base64 undone, charset applied) and its attachments (the PDFs, the invitation), each by number.
   */
  public record CapturedMail(int index, String messageId, Instant receivedAt, String from, String to,
      String subject, String body, String html, String replyTo, List<Attachment> attachments, long size) {}

  /** An attachment: its number in the mail (from 1), file name, media type and size in bytes. */
  public record Attachment(int number, String fileName, String mediaType, long size) {}

  /** An attachment's bytes. */
  public record AttachmentContent(Attachment attachment, byte[] content) {}

  public boolean available() {
    return server.getIfAvailable() != null;
  }

  /** Newest first. */
  public List<CapturedMail> mails() {
    GreenMail greenMail = server.getIfAvailable();
    if (greenMail == null) {
      return List.of();
    }
    MimeMessage[] received = greenMail.getReceivedMessages();
    List<CapturedMail> mails = new ArrayList<>();
    for (int i = received.length - 1; i >= 0; i--) {
      mails.add(read(i + 1, received[i]));
    }
    return mails;
  }

  public Optional<CapturedMail> mail(int index) {
    return message(index).map(m -> read(index, m));
  }

  /** Attachment {@code number} of mail {@code index}. */
  public Optional<AttachmentContent> attachment(int index, int number) {
    return message(index).flatMap(m -> {
      Decoded decoded = decode(m);
      if (number < 1 || number > decoded.parts.size()) {
        return Optional.empty();
      }
      return Optional.of(decoded.parts.get(number - 1));
    });
  }

  private Optional<MimeMessage> message(int index) {
    GreenMail greenMail = server.getIfAvailable();
    if (greenMail == null) {
      return Optional.empty();
    }
    MimeMessage[] received = greenMail.getReceivedMessages();
    return index < 1 || index > received.length ? Optional.empty() : Optional.of(received[index - 1]);
  }

  private static CapturedMail read(int index, MimeMessage message) {
    try {
      Decoded decoded = decode(message);
      return new CapturedMail(
          index,
          message.getMessageID(),
          message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
              : message.getSentDate() != null ? message.getSentDate().toInstant() : null,
          addresses(message.getFrom()),
          addresses(message.getAllRecipients()),
          message.getSubject(),
          decoded.text,
          decoded.html,
          addresses(message.getReplyTo()),
          decoded.parts.stream().map(AttachmentContent::attachment).toList(),
          message.getSize());
    } catch (MessagingException e) {
      return new CapturedMail(index, null, null, "?", "?", "(courriel illisible : " + e.getMessage() + ")", "", null,
          null, List.of(), 0);
    }
  }

  /** What a mail holds once decoded. */
  private static final class Decoded {
    String text;
    String html;
    final List<AttachmentContent> parts = new ArrayList<>();
  }

  private static Decoded decode(MimeMessage message) {
    Decoded decoded = new Decoded();
    try {
      walk(message, decoded);
    } catch (MessagingException | java.io.IOException e) {
      decoded.text = "(courriel illisible : " + e.getMessage() + ")";
    }
    return decoded;
  }

  private static void walk(jakarta.mail.Part part, Decoded decoded) throws MessagingException, java.io.IOException {
    if (part.isMimeType("multipart/*")) {
      jakarta.mail.Multipart multipart = (jakarta.mail.Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        walk(multipart.getBodyPart(i), decoded);
      }
      return;
    }
    String fileName = part.getFileName();
    boolean attached = fileName != null || jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
    if (!attached && part.isMimeType("text/plain") && decoded.text == null) {
      decoded.text = String.valueOf(part.getContent());
    } else if (!attached && part.isMimeType("text/html") && decoded.html == null) {
      decoded.html = String.valueOf(part.getContent());
    } else {
      byte[] bytes;
      try (java.io.InputStream in = part.getInputStream()) {
        bytes = in.readAllBytes();
      }
      String type = part.getContentType() == null ? "application/octet-stream"
          : part.getContentType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
      String name = fileName != null ? jakarta.mail.internet.MimeUtility.decodeText(fileName)
          : type.equals("text/calendar") ? "invitation.ics" : "piece-" + (decoded.parts.size() + 1);
      decoded.parts.add(new AttachmentContent(new Attachment(decoded.parts.size() + 1, name, type, bytes.length), bytes));
    }
  }

  private static String addresses(Address[] addresses) {
    if (addresses == null) {
      return "";
    }
    return Arrays.stream(addresses).map(a -> {
      try {
        return a instanceof jakarta.mail.internet.InternetAddress ia ? ia.toUnicodeString() : a.toString();
      } catch (RuntimeException e) {
        return a.toString();
      }
    }).collect(Collectors.joining(", "));
  }
}
