package fr.comitia.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
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

  public record CapturedMail(int index, String messageId, Instant receivedAt, String from, String to,
      String subject, String body) {}

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
    return mails().stream().filter(m -> m.index() == index).findFirst();
  }

  private static CapturedMail read(int index, MimeMessage message) {
    try {
      return new CapturedMail(
          index,
          message.getMessageID(),
          message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
              : message.getSentDate() != null ? message.getSentDate().toInstant() : null,
          addresses(message.getFrom()),
          addresses(message.getAllRecipients()),
          message.getSubject(),
          GreenMailUtil.getBody(message));
    } catch (MessagingException e) {
      return new CapturedMail(index, null, null, "?", "?", "(courriel illisible : " + e.getMessage() + ")", "");
    }
  }

  private static String addresses(Address[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }
}
