package fr.comitia.web;

import fr.comitia.register.DeliberationRecords;
import fr.comitia.document.ExtractService;
import fr.comitia.notification.NotificationService;
import fr.comitia.register.NotificationRepository.Notification;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The partner's acknowledgement page, reached from the notification mail without login: opening
 * the link only shows the act and a button; only the button's POST records the acknowledgement, so
 * that mail scanners that open links acknowledge nothing.
 */
@Controller
@RequestMapping("/accuse-reception/{token}")
class AcknowledgementController {

  private final NotificationService notifications;
  private final DeliberationRecords records;
  private final ExtractService extracts;

  AcknowledgementController(NotificationService notifications, DeliberationRecords records, ExtractService extracts) {
    this.notifications = notifications;
    this.records = records;
    this.extracts = extracts;
  }

  @GetMapping
  String page(@PathVariable String token, Model model) {
    Notification n = valid(token);
    model.addAttribute("n", n);
    model.addAttribute("r", records.find(n.deliberationId()).orElseThrow());
    model.addAttribute("extract", extracts.html(n.deliberationId()));
    return "web/acknowledgement";
  }

  @PostMapping
  String acknowledge(@PathVariable String token, Model model) {
    Notification n = valid(token);
    boolean recorded = notifications.acknowledge(n.id(), "lien de notification");
    model.addAttribute("n", notifications.find(n.id()).orElseThrow());
    model.addAttribute("r", records.find(n.deliberationId()).orElseThrow());
    model.addAttribute("already", !recorded);
    model.addAttribute("dates", new RegisterScreenController.Dates());
    return "web/acknowledged";
  }

  private Notification valid(String token) {
    Optional<Notification> n = notifications.fromToken(token);
    return n.orElseThrow(InvalidLink::new);
  }

  static final class InvalidLink extends RuntimeException {}

  /** A wrong or expired link shows a page saying so, and nothing of any act. */
  @ExceptionHandler(InvalidLink.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String invalid() {
    return "web/invalid-link";
  }
}
