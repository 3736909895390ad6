package fr.comitia.notification;

import fr.comitia.platform.PublicUrl;
import fr.comitia.register.AnnexFileRepository;
import fr.comitia.register.DeliberationRepository;
import fr.comitia.register.NotificationRepository;
import fr.comitia.register.NotificationRepository.Notification;
import static fr.comitia.deliberation.DeliberationVariables.MESSAGE_ACKNOWLEDGED;
import static fr.comitia.deliberation.DeliberationVariables.NOTIFICATION_ID;

import fr.comitia.register.Draft;
import fr.comitia.document.DocumentStore;
import fr.comitia.mail.MailService;
import fr.comitia.mail.OutgoingMail;
import fr.comitia.platform.LinkSigner;
import fr.comitia.roster.Organisation;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * Notification of an enforceable act to its partners: one mail each with the extract and a link to
 * acknowledge receipt, reminders, and the acknowledgement itself.
 */
@Service
public class NotificationService {

  static final String LINK_PURPOSE = "ack";

  private final NotificationRepository repository;
  private final AnnexFileRepository annexes;
  private final DeliberationRepository deliberations;
  private final Organisation organisation;
  private final MailService mail;
  private final DocumentStore documents;
  private final LinkSigner signer;
  private final NotificationSettings settings;
  private final RuntimeService runtimeService;
  private final Clock clock;
  private final PublicUrl publicUrl;

  private final fr.comitia.mail.MailTemplates templates;

  private final NotificationEvidence evidence;

  NotificationService(NotificationRepository repository, AnnexFileRepository annexes, DeliberationRepository deliberations, Organisation organisation, MailService mail,
      DocumentStore documents, LinkSigner signer, NotificationSettings settings, RuntimeService runtimeService,
      Clock clock, PublicUrl publicUrl, fr.comitia.mail.MailTemplates templates, NotificationEvidence evidence) {
    this.evidence = evidence;
    this.templates = templates;
    this.repository = repository;
    this.annexes = annexes;
    this.deliberations = deliberations;
    this.organisation = organisation;
    this.mail = mail;
    this.documents = documents;
    this.signer = signer;
    this.settings = settings;
    this.runtimeService = runtimeService;
    this.clock = clock;
    this.publicUrl = publicUrl;
  }

  /** One notification per partner of the draft (a declared partner or a name and address); their ids. */
  List<String> prepare(String deliberationId) {
    Draft draft = deliberations.find(deliberationId).map(deliberations::draft).orElseThrow();
    List<String> ids = new ArrayList<>();
    int position = 0;
    for (Draft.PartnerRef ref : draft.partners()) {
      position++;
      String name = ref.name();
      String email = ref.email();
      if (ref.partnerId() != null && !ref.partnerId().isBlank()) {
        Organisation.Partner p = organisation.partner(ref.partnerId()).orElseThrow();
        name = p.name();
        email = p.email();
      }
      repository.add(deliberationId, ref.partnerId(), name, email.strip(), position);
    }
    for (Notification n : forDeliberation(deliberationId)) {
      ids.add(String.valueOf(n.id()));
    }
    return ids;
  }

  public List<Notification> forDeliberation(String deliberationId) {
    return repository.forDeliberation(deliberationId);
  }

  public Optional<Notification> find(long id) {
    return repository.find(id);
  }

  /** The link the partner follows to acknowledge receipt. */
  public String acknowledgementLink(long notificationId) {
    String token = signer.sign(LINK_PURPOSE, String.valueOf(notificationId),
        clock.instant().plus(settings.linkValidity()));
    return publicUrl.of("/accuse-reception/" + token);
  }

  public Optional<Notification> fromToken(String token) {
    return signer.verify(LINK_PURPOSE, token).flatMap(id -> {
      try {
        return find(Long.parseLong(id));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  /** Sends the act (first send, or again after the director's follow-up); reminders start again. */
  void send(long notificationId) {
    Notification n = find(notificationId).orElseThrow();
    // Stable for this send, whoever runs the job and however often: the Message-ID names the act.
    String deliveryId = "notification-" + n.deliberationId() + "-" + notificationId + "-" + n.sends();
    String number = number(n.deliberationId());
    String object = deliberations.find(n.deliberationId()).map(DeliberationRepository.Row::object).orElse("");
    java.util.Map<String, Object> model = new java.util.LinkedHashMap<>();
    model.put("number", number);
    model.put("ofOrganisation", organisation.ofName());
    model.put("object", object);
    model.put("link", acknowledgementLink(notificationId));
    model.put("organisation", organisation.name());
    model.put("enforceable", documents.latest("DELIBERATION", n.deliberationId(),
        fr.comitia.document.SignedExtracts.ENFORCEABLE_KIND).isPresent());
    fr.comitia.mail.MailTemplates.Body body = templates.render("notification", model);
    mail.sendOnce(new OutgoingMail(deliveryId, "NOTIFICATION", n.email(), n.partnerId(),
        "Notification de la délibération n° " + number + " — " + object, body.text(), body.html(), null,
        n.deliberationId(), attachments(n.deliberationId(), number)));
    repository.sent(notificationId, OffsetDateTime.now(clock));
  }

  /** Reminder number {@code reminder} (1 to 3) of an unacknowledged notification. */
  void remind(long notificationId, int reminder) {
    Notification n = find(notificationId).orElseThrow();
    String number = number(n.deliberationId());
    String object = deliberations.find(n.deliberationId()).map(DeliberationRepository.Row::object).orElse("");
    java.util.Map<String, Object> model = new java.util.LinkedHashMap<>();
    model.put("number", number);
    model.put("object", object);
    model.put("notifiedOn", fr.comitia.platform.FrenchDates.day(fr.comitia.platform.FrenchDates.parisDay(n.notifiedAt())));
    model.put("link", acknowledgementLink(notificationId));
    model.put("organisation", organisation.name());
    fr.comitia.mail.MailTemplates.Body body = templates.render("reminder", model);
    mail.sendOnce(new OutgoingMail("reminder-" + n.deliberationId() + "-" + notificationId + "-" + n.sends() + "-"
        + reminder, "REMINDER", n.email(),
        n.partnerId(), "Relance " + reminder + " — accusé de réception de la délibération n° " + number, body.text(),
        body.html(), null, n.deliberationId(), attachments(n.deliberationId(), number)));
    repository.reminded(notificationId, reminder);
  }

  /**
   * Records the acknowledgement (once; the first date stays) and lets the process go on.
   *
   * @return false when it had been acknowledged already
   */
  public boolean acknowledge(long notificationId, String by) {
    Notification n = find(notificationId).orElseThrow();
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (!repository.acknowledge(notificationId, now, by)) {
      return false;
    }
    evidence.acknowledged(n, now, by);
    // The partner's branch of the notification subprocess: the execution waiting for this message
    // that sees this notification id (an element variable of the multi-instance, set above it).
    String key = String.valueOf(notificationId);
    runtimeService.createExecutionQuery()
        .processInstanceBusinessKey(n.deliberationId())
        .messageEventSubscriptionName(MESSAGE_ACKNOWLEDGED)
        .list().stream()
        .filter(e -> key.equals(String.valueOf(runtimeService.getVariable(e.getId(), NOTIFICATION_ID))))
        .forEach(e -> runtimeService.messageEventReceived(MESSAGE_ACKNOWLEDGED, e.getId()));
    return true;
  }

  /** The director asks to send the act again: the next send is a new mail (its own Message-ID). */
  void resendRequested(long notificationId) {
    repository.nextSend(notificationId);
  }

  /** The director confirms a receipt obtained otherwise (telephone, registered mail). */
  void confirmByDirector(long notificationId, String directorId) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    if (repository.acknowledge(notificationId, now, "confirmé par " + directorId)) {
      evidence.acknowledged(find(notificationId).orElseThrow(), now, "confirmé par " + directorId);
    }
  }

  private String number(String deliberationId) {
    return deliberations.find(deliberationId).map(DeliberationRepository.Row::number).orElseThrow();
  }

  /**
   * The enforceable extract (signed, with the mention of its transmission and publication; else the
   * signed one; the act notified; the HTML extract only if no signed one exists), then
   * the act's annex files.
   */
  private List<OutgoingMail.Attachment> attachments(String deliberationId, String number) {
    List<OutgoingMail.Attachment> attachments = new ArrayList<>();
    attachments.add(documents.latest("DELIBERATION", deliberationId, "ENFORCEABLE_EXTRACT")
        .or(() -> documents.latest("DELIBERATION", deliberationId, "SIGNED_EXTRACT"))
        .or(() -> documents.latest("DELIBERATION", deliberationId, "EXTRACT"))
        .map(d -> new OutgoingMail.Attachment(d.fileName(), d.mediaType(), d.content()))
        .orElseThrow(() -> new IllegalStateException("No extract for deliberation " + deliberationId)));
    for (AnnexFileRepository.AnnexFile annex : annexes.list(deliberationId)) {
      attachments.add(new OutgoingMail.Attachment("annexe-" + annex.position() + "-" + annex.fileName(),
          "application/pdf", annexes.content(deliberationId, annex.id()).orElseThrow()));
    }
    return attachments;
  }
}
