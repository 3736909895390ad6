package fr.comitia.minutes;

import static fr.comitia.minutes.MinutesVariables.*;

import fr.comitia.document.DocumentStore;
import fr.comitia.document.SignedMinutes;
import fr.comitia.platform.RuleViolation;
import fr.comitia.register.MinutesRepository;
import fr.comitia.register.MinutesRepository.Minutes;
import fr.comitia.roster.Organisation;
import fr.comitia.session.MinutesApproved;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The approved minutes to their publication: who may sign, the signatures applied once, the
 * publication once, its due date. Read by process {@code minutes} ({@code minutesLifecycle.dueAt(execution)}).
 */
@Component("minutesLifecycle")
public class MinutesLifecycle {

  private final MinutesRepository repository;
  private final SignedMinutes signatures;
  private final Organisation organisation;
  private final RuntimeService runtime;
  private final Clock clock;

  MinutesLifecycle(MinutesRepository repository, SignedMinutes signatures, Organisation organisation,
      RuntimeService runtime, Clock clock) {
    this.repository = repository;
    this.signatures = signatures;
    this.organisation = organisation;
    this.runtime = runtime;
    this.clock = clock;
  }

  /** In the transaction of the vote that approved them: process {@code minutes} starts. */
  @EventListener
  void onApproved(MinutesApproved approved) {
    Organisation.Body body = organisation.body(approved.bodyId()).orElseThrow();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(APPROVED_IN_SESSION_ID, approved.approvedInSessionId());
    variables.put(BODY_ID, approved.bodyId());
    variables.put(PRESIDENT_ID, body.presidentId());
    variables.put(SESSION_SECRETARY_ID, approved.sessionSecretaryId());
    variables.put(PUBLICATION_DUE_AT, Date.from(approved.publicationDueAt().toInstant()));
    runtime.startProcessInstanceByKey(PROCESS_KEY, approved.sessionId(), variables);
  }

  /** When the minutes must be online at the latest, for the timer and the tasks' due dates. */
  public Date dueAt(DelegateExecution execution) {
    return Date.from(minutes(execution.getProcessBusinessKey()).publicationDueAt().toInstant());
  }

  /** « Signer le procès-verbal » : only the body's president signs, and says so. */
  void sign(String sessionId, String userId, String president, Boolean signed) {
    requireSigned(signed, "Signature requise : confirmez la signature du procès-verbal (signed = true).");
    Minutes minutes = minutes(sessionId);
    if (userId != null && !userId.equals(president)) {
      throw new RuleViolation(SIGNED, "Signature refusée : le procès-verbal est signé par le président, "
          + name(president) + ".");
    }
    if (minutes.signedAt() == null) {
      repository.sign(sessionId, president, OffsetDateTime.now(clock));
    }
  }

  /** The president's signature on the PDF (once). */
  DocumentStore.Document seal(String sessionId) {
    return signatures.sign(sessionId);
  }

  /** « Contresigner le procès-verbal » : only that session's secretary, whose certificate must be there. */
  void countersign(String sessionId, String userId, String secretaryId, Boolean signed) {
    requireSigned(signed, "Contreseing requis : confirmez le contreseing du procès-verbal (signed = true).");
    if (userId != null && !userId.equals(secretaryId)) {
      throw new RuleViolation(SIGNED, "Contreseing refusé : le procès-verbal est contresigné par le secrétaire de "
          + "cette séance, " + name(secretaryId) + ".");
    }
    if (!signatures.canCountersign(secretaryId)) {
      throw new RuleViolation(SIGNED, "Contreseing impossible : aucun certificat de signature pour "
          + name(secretaryId) + " (comitia.signature.members-keystore).");
    }
  }

  /** The secretary's signature over the president's (once); the minutes are then SIGNED. */
  DocumentStore.Document counterseal(String sessionId, String secretaryId) {
    DocumentStore.Document both = signatures.countersign(sessionId, secretaryId);
    repository.countersign(sessionId, secretaryId, both.signedAt(), both.id(), both.sha256());
    return both;
  }

  /** Online on the public register (once). */
  void publish(String sessionId) {
    Minutes minutes = minutes(sessionId);
    if (minutes.countersignedAt() == null) {
      throw new RuleViolation("Le procès-verbal de la séance " + sessionId + " n'est pas encore signé et "
          + "contresigné : il ne peut pas être publié.");
    }
    repository.publish(sessionId, OffsetDateTime.now(clock));
  }

  private Minutes minutes(String sessionId) {
    return repository.find(sessionId).orElseThrow(() ->
        new RuleViolation("Le procès-verbal de la séance « " + sessionId + " » n'est pas approuvé."));
  }

  private String name(String memberId) {
    return organisation.member(memberId).map(Organisation.Member::fullName).orElse(memberId);
  }

  private static void requireSigned(Boolean signed, String message) {
    if (!Boolean.TRUE.equals(signed)) {
      throw new RuleViolation(SIGNED, message);
    }
  }
}
