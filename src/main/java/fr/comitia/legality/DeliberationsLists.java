package fr.comitia.legality;

import fr.comitia.document.DocumentStore;
import fr.comitia.document.MinutesService;
import fr.comitia.platform.RuleViolation;
import fr.comitia.register.PublicationRepository;
import fr.comitia.register.PublicationRepository.DeliberationsList;
import fr.comitia.register.SessionRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The list of a session's deliberations (CGCT L2121-25), produced at the close and put online on
 * the public register within a week of the session ({@code comitia.publication.deliberations-list-delay}).
 * Read by process {@code session} ({@code deliberationsLists.dueAt(execution)}).
 */
@Component("deliberationsLists")
public class DeliberationsLists {

  private final MinutesService minutes;
  private final PublicationRepository publications;
  private final SessionRepository sessions;
  private final LegalitySettings settings;
  private final Clock clock;

  DeliberationsLists(MinutesService minutes, PublicationRepository publications, SessionRepository sessions,
      LegalitySettings settings, Clock clock) {
    this.minutes = minutes;
    this.publications = publications;
    this.sessions = sessions;
    this.settings = settings;
    this.clock = clock;
  }

  /** When the list must be online at the latest: the session's date plus the delay (a week). */
  public OffsetDateTime dueAt(String sessionId) {
    return sessions.find(sessionId).orElseThrow().sessionDate().plus(settings.listDelay());
  }

  /** For the process's timer and task due date. */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(dueAt(execution.getProcessBusinessKey()).toInstant());
  }

  /** Puts the list produced at the close online (once; a second call keeps the first publication). */
  public DeliberationsList publish(String sessionId) {
    DocumentStore.Document list = minutes.stored(sessionId, MinutesService.DELIBERATION_LIST).orElseThrow(() ->
        new RuleViolation("La liste des délibérations de la séance " + sessionId
            + " n'a pas été établie : elle ne peut pas être publiée."));
    OffsetDateTime now = OffsetDateTime.now(clock);
    publications.produceList(sessionId, list.id(), list.sha256(), list.createdAt(), dueAt(sessionId));
    publications.publishList(sessionId, now);
    return publications.findList(sessionId).orElseThrow();
  }
}
