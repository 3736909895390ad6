package fr.comitia.document;

import fr.comitia.session.SessionRecord;
import fr.comitia.session.SessionRecords;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** Minutes (procès-verbal) of a session and the list of its deliberations. */
@Service
public class MinutesService {

  private final SessionRecords sessions;
  private final TemplateEngine templates;
  private final DocumentStore store;

  MinutesService(SessionRecords sessions, TemplateEngine templates, DocumentStore store) {
    this.sessions = sessions;
    this.templates = templates;
    this.store = store;
  }

  public String html(String sessionId, String template) {
    SessionRecord session = sessions.find(sessionId).orElseThrow();
    Context context = new Context(Locale.FRENCH);
    context.setVariable("s", session);
    context.setVariable("day", FrenchDates.inWords(session.sessionDate()
        .atZoneSameInstant(ExtractService.PARIS).toLocalDate()));
    return templates.process("documents/" + template, context);
  }

  void store(String sessionId) {
    store.save("SESSION", sessionId, "MINUTES", "proces-verbal-" + sessionId + ".html", "text/html;charset=UTF-8",
        html(sessionId, "minutes").getBytes(StandardCharsets.UTF_8), null, null);
    store.save("SESSION", sessionId, "DELIBERATION_LIST", "liste-deliberations-" + sessionId + ".html",
        "text/html;charset=UTF-8", html(sessionId, "deliberation-list").getBytes(StandardCharsets.UTF_8), null, null);
  }
}
