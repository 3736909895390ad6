package fr.comitia.deliberation;

import static fr.comitia.deliberation.DeliberationVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import fr.comitia.roster.Organisation.Member;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.jdbc.core.simple.JdbcClient;
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
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  DeliberationService(DeliberationRepository repository, DraftValidator validator, RegisterNumbering numbering,
      RuntimeService runtimeService, Organisation organisation, JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.repository = repository;
    this.validator = validator;
    this.numbering = numbering;
    this.runtimeService = runtimeService;
    this.organisation = organisation;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  /** Checks the draft, then starts process {@code deliberation}; all or nothing. */
  @Transactional
  public String submit(Draft draft) {
    validator.check(draft);
    String id = repository.nextId();
    runtimeService.startProcessInstanceByKey(PROCESS_KEY, id, startVariables(draft));
    return id;
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
        .putValue(NOTE, draft.note());
  }

  /** Writes the draft into the register when the process starts (from the API or Tasklist). */
  void register(String id, Draft draft, String initiatorId, String processInstanceId) {
    validator.check(draft);
    if (!repository.exists(id)) {
      repository.insert(id, draft, initiatorId, processInstanceId, now());
    }
  }

  String newId() {
    return repository.nextId();
  }

  void review(String id, String reviewerId, boolean approved, String comment) {
    repository.review(id, reviewerId, approved, comment, now());
    repository.setStatus(id, approved ? DeliberationStatus.AWAITING_SESSION : DeliberationStatus.RETURNED, now());
  }

  void revise(String id, Draft draft) {
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

  /** Called by a session when the assembly has voted on (or withdrawn) the item. */
  public void recordOutcome(String id, String sessionId, String outcome) {
    runtimeService.createMessageCorrelation(MESSAGE_VOTE_RECORDED)
        .processInstanceBusinessKey(id)
        .setVariable(SESSION_ID, sessionId)
        .setVariable(OUTCOME, outcome)
        .correlate();
  }

  void markRejected(String id) {
    repository.setStatus(id, DeliberationStatus.REJECTED, now());
  }

  /** Gives the next number of the register for the year of the session. */
  String assignNumber(String id) {
    DeliberationRepository.Row row = repository.findForUpdate(id).orElseThrow();
    if (row.number() != null) {
      return row.number();
    }
    int year = jdbc.sql("""
            select extract(year from session_date at time zone 'Europe/Paris')::int
              from comitia.assembly_session where id = :session""")
        .param("session", row.sessionId()).query(Integer.class).single();
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
      throw fr.comitia.platform.Variables.refusal(SIGNED, "Signature refusée : l'extrait est signé par le président, "
          + president + ".");
    }
    String signer = organisation.member(body.presidentId()).map(Member::fullName).orElse(body.presidentId());
    repository.sign(id, body.presidentId(), now(), signer);
  }

  void markNotified(String id) {
    repository.setStatus(id, DeliberationStatus.NOTIFIED, now());
  }

  List<DeliberationRepository.Review> reviews(String id) {
    return repository.reviews(id);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
