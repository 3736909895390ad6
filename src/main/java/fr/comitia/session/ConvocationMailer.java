package fr.comitia.session;

import fr.comitia.register.SessionRepository;

import fr.comitia.register.Draft;
import fr.comitia.mail.CalendarInvitations;
import fr.comitia.mail.MailService;
import fr.comitia.mail.MailTemplates;
import fr.comitia.mail.OutgoingMail;
import fr.comitia.roster.BodyDirectory.Seat;
import fr.comitia.roster.BodyRules;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One member's convocation (or reconvocation) to one sitting: HTML and text with the agenda and
 * each item's explanatory note, the urgency and its reason, the personal proxy link, an iCalendar
 * invitation, the convocation's PDF, and the drafts as links to the member's page or attached
 * (what every member is sent alike is built once for the round: {@link ConvocationRounds}). Sent
 * once: its id is stable.
 */
@Component
class ConvocationMailer {

  private final SessionService sessions;
  private final ProxyService proxies;
  private final MailTemplates templates;
  private final CalendarInvitations invitations;
  private final MailService mail;
  private final Organisation organisation;
  private final ConvocationRounds rounds;
  private final String secretariatEmail;
  private final SubstituteNotices substitutes;

  private final MemberSpace memberSpace;

  ConvocationMailer(SessionService sessions, ProxyService proxies,
      MailTemplates templates, CalendarInvitations invitations, MailService mail, Organisation organisation,
      ConvocationRounds rounds,
      @Value("${comitia.mail.reply-to:}") String replyTo, SubstituteNotices substitutes, MemberSpace memberSpace) {
    this.memberSpace = memberSpace;
    this.substitutes = substitutes;
    this.sessions = sessions;
    this.proxies = proxies;
    this.templates = templates;
    this.invitations = invitations;
    this.mail = mail;
    this.organisation = organisation;
    this.rounds = rounds;
    this.secretariatEmail = replyTo.isBlank() && organisation.email() != null ? organisation.email() : replyTo;
  }

  static String deliveryId(String sessionId, int sitting, String memberId) {
    return "convocation-" + sessionId + "-" + sitting + "-" + memberId;
  }

  void send(String sessionId, String memberId) {
    SessionRepository.Row session = sessions.row(sessionId).orElseThrow();
    Body body = sessions.body(session);
    // A member in office, or (substituteNotice CONVOKED) the substitute of one, convoked to sit in their absence.
    String titular = substitutes.titularInOffice(session, memberId).orElse(null);
    Seat member = titular != null ? substituteSeat(memberId)
        : sessions.membersInOffice(session).stream().filter(s -> s.id().equals(memberId)).findFirst()
            .orElseThrow(() -> new IllegalStateException(memberId + " is not in office in " + body.id()));
    boolean reconvened = !session.quorumRequired();
    String when = SessionService.when(session.sessionDate());

    // The drafts and their annexes: links to the member's page (a light mail), or attached (the body's choice).
    boolean attached = body.rules().convocationDocuments() == BodyRules.ConvocationDocuments.ATTACHED;
    String space = memberSpace.link(memberId);
    ConvocationRounds.Round round = rounds.of(session, body);
    List<Map<String, Object>> agenda = new ArrayList<>();
    for (ConvocationRounds.Item i : round.items()) {
      Map<String, Object> item = new HashMap<>();
      item.put("position", i.position());
      item.put("object", i.object());
      item.put("note", i.note());
      item.put("rapporteur", i.rapporteur());
      item.put("draftLink", attached ? null : MemberSpace.draftLink(space, i.deliberationId()));
      item.put("annexes", attached ? List.of() : SessionDocuments.annexLinks(i.deliberationId(), i.annexes(), space));
      agenda.add(item);
    }
    List<OutgoingMail.Attachment> attachments = new ArrayList<>(round.attachments());

    Map<String, Object> model = new HashMap<>();
    model.put("salutation", "Mme".equals(member.civility()) ? "Madame" : "Monsieur");
    model.put("assembly", body.assemblyName());
    model.put("when", when);
    model.put("place", session.place());
    model.put("reconvened", reconvened);
    model.put("urgent", session.urgent());
    model.put("urgencyReason", session.urgencyReason());
    model.put("agenda", agenda);
    // A substitute has no proxy to give: they sit only in their titular's absence.
    model.put("memberSpaceLink", space);
    model.put("attached", attached);
    model.put("proxyLink", titular != null ? null
        : proxies.link(sessionId, session.sitting(), memberId, session.sessionDate()));
    model.put("titular", null);
    if (titular != null) {
      model.putAll(substitutes.substituteWords(organisation.member(memberId).orElseThrow(), titular));
    }
    model.put("president", sessions.name(body.presidentId()));
    model.put("presidentTitle", body.presidentTitle().replaceFirst("^Le ", "").replaceFirst("^La ", ""));
    MailTemplates.Body text = templates.render("convocation", model);

    String subject = (reconvened ? "Reconvocation" : "Convocation") + " — " + body.name() + " du " + when
        + (session.urgent() ? " (urgence)" : "") + (titular != null ? " (suppléance de " + sessions.name(titular) + ")" : "");
    String ics = invitations.request(new CalendarInvitations.Invitation(
        "session-" + sessionId + "@comitia", session.sitting() - 1,
        session.sessionDate().atZoneSameInstant(CalendarInvitations.PARIS), Duration.ofHours(3),
        body.name() + " — " + (reconvened ? "séance sur reconvocation" : "séance"), session.place(),
        "Ordre du jour : " + String.join(" ; ", agenda.stream().map(i -> (String) i.get("object")).toList()),
        sessions.name(body.presidentId()), secretariatEmail == null ? "secretariat@comitia.example.org" : secretariatEmail,
        member.fullName(), member.email()));
    attachments.add(new OutgoingMail.Attachment("convocation.ics", "text/calendar; method=REQUEST; charset=UTF-8",
        ics.getBytes(StandardCharsets.UTF_8)));

    mail.sendOnce(new OutgoingMail(deliveryId(sessionId, session.sitting(), memberId), "CONVOCATION", member.email(),
        memberId, subject, text.text(), text.html(), sessionId, null, attachments));
  }

  /** A substitute as the convocation addresses them (not in office: no seat of their own). */
  private Seat substituteSeat(String personId) {
    Organisation.Member m = organisation.member(personId).orElseThrow();
    return new Seat(m.id(), m.civility(), m.firstName(), m.lastName(), null, m.email(), "SUBSTITUTE", 0);
  }

  /** The draft's note, else the first paragraph of its preamble. */
  static String note(Draft draft) {
    if (draft.note() != null && !draft.note().isBlank()) {
      return draft.note().strip();
    }
    if (draft.preamble() == null || draft.preamble().isBlank()) {
      return null;
    }
    String first = draft.preamble().strip().split("\\R\\s*\\R")[0].strip();
    return first.length() > 800 ? first.substring(0, 797) + "…" : first;
  }
}
