package fr.comitia.deliberation;

import fr.comitia.register.DeliberationRepository;
import fr.comitia.register.DeliberationStatus;
import fr.comitia.register.RegisterNumbering;
import fr.comitia.register.VotedText;
import fr.comitia.register.Draft;

import static fr.comitia.deliberation.DeliberationVariables.*;
import static fr.comitia.platform.Variables.refusal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import fr.comitia.roster.Organisation.Member;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A deliberation's life in the register, from draft to notified act. */
@Service
public class DeliberationService {

  private final DeliberationRepository repository;
  private final DraftValidator validator;
  private final RegisterNumbering numbering;
  private final RuntimeService runtimeService;
  private final Organisation organisation;
  private final VotedText votedText;
  private final ObjectMapper json;
  private final Clock clock;

  DeliberationService(DeliberationRepository repository, DraftValidator validator, RegisterNumbering numbering,
      RuntimeService runtimeService, Organisation organisation, VotedText votedText, ObjectMapper json, Clock clock) {
    this.repository = repository;
    this.validator = validator;
    this.numbering = numbering;
    this.runtimeService = runtimeService;
    this.organisation = organisation;
    this.votedText = votedText;
    this.json = json;
    this.clock = clock;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  /**
   * Checks the draft, then starts process {@code deliberation}; all or nothing. The id is given by
   * the process's first step ({@code registerDraft}), as for a start from Tasklist or the engine
   * REST API: ids are Comitia's, never the caller's.
   */
  @Transactional
  public String submit(Draft draft) {
    validator.check(draft);
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY, startVariables(draft)).getBusinessKey();
  }

  VariableMap startVariables(Draft draft) {
    return Variables.createVariables()
        .putValue(BODY_ID, draft.bodyId())
        .putValue(OBJECT, draft.object())
        .putValue(RAPPORTEUR_ID, draft.rapporteurId())
        .putValue(PREAMBLE, draft.preamble())
        .putValueTyped(VISAS, SpinValues.jsonValue(write(draft.visas())).create())
        .putValue(PROPOSAL, draft.proposal())
        .putValueTyped(ARTICLES, SpinValues.jsonValue(write(draft.articles())).create())
        .putValueTyped(ANNEXES, SpinValues.jsonValue(write(draft.annexes())).create())
        .putValueTyped(PARTNERS, SpinValues.jsonValue(write(draft.partners())).create())
        .putValue(NOTE, draft.note())
        .putValue(NATURE, draft.nature())
        .putValue(MATIERE, draft.matiere());
  }

  /**
   * Writes the draft into the register when the process starts (from the API, Tasklist or the
   * engine REST API) under a new id of the register, which it returns. A start that names its own
   * business key is refused: an existing deliberation is never reopened by a second process, and
   * no caller reserves the next id.
   */
  String register(String requestedKey, Draft draft, String initiatorId, String processInstanceId) {
    if (requestedKey != null && !requestedKey.isBlank()) {
      throw new InvalidDraftException(List.of(repository.exists(requestedKey.strip())
          ? "La délibération « " + requestedKey.strip() + " » existe déjà : un second processus ne peut pas la "
              + "reprendre ni la modifier."
          : "L'identifiant d'une délibération est attribué par Comitia : démarrez le processus sans clé métier "
              + "(reçu « " + requestedKey.strip() + " »)."));
    }
    validator.check(draft);
    String id = repository.nextId();
    repository.insert(id, draft, initiatorId, processInstanceId, now());
    return id;
  }

  /**
   * The director's review. A draft is validated only with its matière of the prefecture's
   * classification (it goes to the prefecture with the act); without one it is returned to its
   * drafter, who chooses it in « Corriger le projet ».
   */
  void review(String id, String reviewerId, boolean approved, String comment) {
    if (approved && repository.find(id).map(DeliberationRepository.Row::matiere).isEmpty()) {
      throw refusal(APPROVED, "Validation refusée : le projet « " + id + " » n'a pas de matière dans la "
          + "classification des actes de la préfecture. Renvoyez-le à la rédaction en demandant la matière.");
    }
    repository.review(id, reviewerId, approved, comment, now());
    repository.setStatus(id, approved ? DeliberationStatus.AWAITING_SESSION : DeliberationStatus.RETURNED, now());
  }

  void revise(String id, Draft draft) {
    String status = repository.find(id).map(DeliberationRepository.Row::status).orElse(null);
    if (!DeliberationStatus.RETURNED.name().equals(status)) {
      throw new InvalidDraftException(List.of("La délibération « " + id + " » n'est pas renvoyée à la rédaction "
          + "(statut " + status + ") : son texte ne se corrige plus."));
    }
    validator.check(draft);
    repository.updateDraft(id, draft, now());
    repository.setStatus(id, DeliberationStatus.IN_REVIEW, now());
  }

  void awaitSession(String id) {
    repository.unschedule(id, now());
  }

  /** The draft as the register has it. */
  public Optional<Draft> draft(String id) {
    return repository.find(id).map(repository::draft);
  }

  public Optional<DeliberationStatus> status(String id) {
    return repository.find(id).map(r -> DeliberationStatus.valueOf(r.status()));
  }

  public Optional<String> bodyOf(String id) {
    return repository.find(id).map(DeliberationRepository.Row::bodyId);
  }

  public Optional<String> objectOf(String id) {
    return repository.find(id).map(DeliberationRepository.Row::object);
  }

  /** Called by a session when its president signs the convocation. */
  public void scheduleOnSession(String id, String sessionId) {
    repository.schedule(id, sessionId, now());
    runtimeService.createMessageCorrelation(MESSAGE_SCHEDULED)
        .processInstanceBusinessKey(id)
        .setVariable(SESSION_ID, sessionId)
        .correlate();
  }

  /**
   * Called by a session when the assembly has voted on (or withdrawn) the item. An adoption or a
   * rejection is written on the deliberation first, with the SHA-256 of the text voted: numbering
   * needs it (a {@code VoteRecorded} message from anywhere else numbers nothing), and the seal of the
   * extract signs only that text.
   */
  public void recordOutcome(String id, String sessionId, int sessionYear, String outcome) {
    if (!"WITHDRAWN".equals(outcome)) {
      DeliberationRepository.Row row = repository.findForUpdate(id).orElseThrow();
      if (row.number() != null) {
        throw new IllegalStateException("Deliberation " + id + " is numbered " + row.number() + ": its vote is final");
      }
      repository.recordVote(id, sessionId, outcome, votedText.hash(row), now());
    }
    runtimeService.createMessageCorrelation(MESSAGE_VOTE_RECORDED)
        .processInstanceBusinessKey(id)
        .setVariable(SESSION_ID, sessionId)
        .setVariable(SESSION_YEAR, sessionYear)
        .setVariable(OUTCOME, outcome)
        .correlate();
  }

  void markRejected(String id) {
    if (!"REJECTED".equals(repository.find(id).orElseThrow().votedOutcome())) {
      throw refusal(OUTCOME, "Rejet refusé : le registre n'a pas de vote rejetant la "
          + "délibération « " + id + " ».");
    }
    repository.setStatus(id, DeliberationStatus.REJECTED, now());
  }

  /**
   * Gives the next number of the register for the year of the session (as the session handed it
   * over with {@code VoteRecorded}), to a deliberation the assembly adopted in that session (as the
   * register says, whatever the message said).
   */
  String assignNumber(String id, Integer sessionYear) {
    DeliberationRepository.Row row = repository.findForUpdate(id).orElseThrow();
    if (row.number() != null) {
      return row.number();
    }
    if (!"ADOPTED".equals(row.votedOutcome()) || !Objects.equals(row.votedSessionId(), row.sessionId())) {
      throw refusal(OUTCOME, "Numérotation refusée : le registre n'a pas d'adoption de "
          + "la délibération « " + id + " » par la séance « " + row.sessionId() + " ».");
    }
    if (sessionYear == null) {
      throw refusal(SESSION_YEAR, "Numérotation refusée : l'année de la séance « " + row.sessionId()
          + " » n'a pas été transmise avec le vote.");
    }
    int year = sessionYear;
    int seq = numbering.next(row.bodyId(), year);
    String number = RegisterNumbering.format(year, seq);
    repository.number(id, year, seq, number, now());
    return number;
  }

  /**
   * The president signs the extract. Only the body's president may: the presiding member of the
   * session may differ, the extract is signed by the president.
   */
  void sign(String id, String userId) {
    DeliberationRepository.Row row = repository.find(id).orElseThrow();
    Body body = organisation.body(row.bodyId()).orElseThrow();
    if (userId != null && !userId.equals(body.presidentId())) {
      String president = organisation.member(body.presidentId()).map(Member::fullName).orElse(body.presidentId());
      throw refusal(SIGNED, "Signature refusée : l'extrait est signé par le président, "
          + president + ".");
    }
    votedText.require(id);
    String signer = organisation.member(body.presidentId()).map(Member::fullName).orElse(body.presidentId());
    repository.sign(id, body.presidentId(), now(), signer);
  }

  void markNotified(String id) {
    repository.setStatus(id, DeliberationStatus.NOTIFIED, now());
  }




  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
