package fr.comitia.session;

import fr.comitia.deliberation.DeliberationService;
import fr.comitia.mail.MailOutbox;
import fr.comitia.mail.MailTemplates;
import fr.comitia.mail.OutgoingMail;
import fr.comitia.register.Draft;
import fr.comitia.register.SessionRepository;
import fr.comitia.roster.BodyRules.SubstituteNotice;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import fr.comitia.roster.Organisation.Member;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The substitutes (suppléants) the statuts give: who is convoked with the members (rule
 * {@code substituteNotice} CONVOKED), and the mail that calls a substitute to sit when their titular
 * declares an absence without proxy (INFORMED), queued in the declaration's transaction through the
 * outbox and sent once by its own job.
 */
@Component
class SubstituteNotices {

  private final SessionService sessions;
  private final DeliberationService deliberations;
  private final Organisation organisation;
  private final MailOutbox outbox;
  private final MailTemplates templates;

  SubstituteNotices(SessionService sessions, DeliberationService deliberations, Organisation organisation,
      MailOutbox outbox, MailTemplates templates) {
    this.sessions = sessions;
    this.deliberations = deliberations;
    this.organisation = organisation;
    this.outbox = outbox;
    this.templates = templates;
  }

  /** The notice's delivery id, also its Message-ID's local part: {@code substitute-{session}-{sitting}-{substituteId}}. */
  static String deliveryId(String sessionId, int sitting, String substituteId) {
    return "substitute-" + sessionId + "-" + sitting + "-" + substituteId;
  }

  /** The substitutes convoked with the members in office (CONVOKED), in the order of their titulars. */
  List<String> convoked(Body body, List<String> membersInOffice) {
    if (body.rules().substituteNotice() != SubstituteNotice.CONVOKED) {
      return List.of();
    }
    return membersInOffice.stream().map(id -> body.substitutes().get(id)).filter(java.util.Objects::nonNull).toList();
  }

  /** The substitute's titular in office at the session, if {@code personId} is one's substitute. */
  Optional<String> titularInOffice(SessionRepository.Row session, String personId) {
    Body body = sessions.body(session);
    return body.titularOf(personId)
        .filter(titular -> sessions.membersInOffice(session).stream().anyMatch(s -> s.id().equals(titular)));
  }

  /**
   * The titular declared an absence without proxy: under INFORMED, their substitute is sent the
   * convocation to sit in their place (once per sitting, whatever the titular declares next).
   *
   * @return whether a mail was queued
   */
  boolean titularAbsentWithoutProxy(SessionRepository.Row session, String titularId) {
    Body body = sessions.body(session);
    String substituteId = body.substitutes().get(titularId);
    if (substituteId == null || body.rules().substituteNotice() != SubstituteNotice.INFORMED) {
      return false;
    }
    Member substitute = organisation.member(substituteId).orElse(null);
    if (substitute == null) {
      return false;
    }
    Map<String, Object> model = model(session, body, substitute, titularId);
    MailTemplates.Body text = templates.render("substitute-informed", model);
    String subject = "Convocation — " + body.name() + " du " + SessionService.when(session.sessionDate())
        + " (suppléance de " + sessions.name(titularId) + ")";
    return outbox.queue(new OutgoingMail(deliveryId(session.id(), session.sitting(), substituteId), "SUBSTITUTE",
        substitute.email(), substituteId, subject, text.text(), text.html(), session.id(), null, List.of()));
  }

  /**
   * What the convocation of a substitute says besides the members' one: whose substitute they are, and
   * that they sit only when that member is absent or excused.
   */
  Map<String, Object> substituteWords(Member substitute, String titularId) {
    Map<String, Object> words = new HashMap<>();
    Member titular = organisation.member(titularId).orElseThrow();
    words.put("titular", titular.fullName());
    words.put("substituteWord", "Mme".equals(substitute.civility()) ? "suppléante" : "suppléant");
    words.put("titularPronoun", "Mme".equals(titular.civility()) ? "elle" : "il");
    words.put("ifTitular", "Mme".equals(titular.civility()) ? "si elle" : "s'il");
    words.put("titularAbsent", "Mme".equals(titular.civility()) ? "absente ou excusée" : "absent ou excusé");
    return words;
  }

  private Map<String, Object> model(SessionRepository.Row session, Body body, Member substitute, String titularId) {
    List<Map<String, Object>> agenda = new ArrayList<>();
    int position = 1;
    for (String id : sessions.agenda(session.id())) {
      Draft draft = deliberations.draft(id).orElseThrow();
      Map<String, Object> item = new HashMap<>();
      item.put("position", position++);
      item.put("object", draft.object());
      item.put("note", ConvocationMailer.note(draft));
      item.put("rapporteur", draft.rapporteurId() == null ? null : sessions.name(draft.rapporteurId()));
      agenda.add(item);
    }
    Map<String, Object> model = new HashMap<>(substituteWords(substitute, titularId));
    model.put("salutation", "Mme".equals(substitute.civility()) ? "Madame" : "Monsieur");
    model.put("assembly", body.assemblyName());
    model.put("when", SessionService.when(session.sessionDate()));
    model.put("place", session.place());
    model.put("reconvened", !session.quorumRequired());
    model.put("urgent", session.urgent());
    model.put("urgencyReason", session.urgencyReason());
    model.put("agenda", agenda);
    model.put("secretariat", organisation.email());
    model.put("president", sessions.name(body.presidentId()));
    model.put("presidentTitle", body.presidentTitle().replaceFirst("^Le ", "").replaceFirst("^La ", ""));
    return model;
  }
}
