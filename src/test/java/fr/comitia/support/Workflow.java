package fr.comitia.support;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.URGENT;
import static fr.comitia.session.SessionVariables.VOTES_AGAINST;
import static fr.comitia.session.SessionVariables.VOTES_FOR;
import static fr.comitia.session.SessionVariables.ABSTENTIONS;
import static fr.comitia.session.SessionVariables.NOT_PARTICIPATING;
import static fr.comitia.session.SessionVariables.SECRET_BALLOT;
import static fr.comitia.session.SessionVariables.WITHDRAWN;
import static fr.comitia.session.SessionVariables.ATTENDANCE;
import static fr.comitia.session.SessionVariables.PRESIDING_MEMBER_ID;
import static fr.comitia.session.SessionVariables.SESSION_SECRETARY_ID;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Drives the processes as their users do: drafts and sessions through Comitia's API, tasks
 * through Camunda's REST API ({@code /engine-rest/task/{id}/complete}, exactly what Tasklist
 * sends), with the engine's clock set by the test and jobs executed by the test.
 */
public class Workflow {

  public static final Map<String, String> PASSWORDS = Map.of(
      "directeur", "directeur-demo", "secretariat", "secretariat-demo", "redacteur", "redacteur-demo",
      "admin", "admin-demo");

  private final TestRestTemplate rest;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final ObjectMapper json = new ObjectMapper();

  public Workflow(TestRestTemplate rest, TaskService taskService, ManagementService managementService) {
    this.rest = rest;
    this.taskService = taskService;
    this.managementService = managementService;
  }

  /** The bureau's five members, in the order of its attendance table. */
  public static final List<String> BUREAU =
      List.of("ccoulon", "bmesseannegrobelny", "gbartholomeus", "avanpeene", "lmonnet");

  /** A roll call of the bureau: those listed are present, the others excused, no proxy. */
  public static List<Map<String, Object>> attendance(List<String> present) {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String member : BUREAU) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("memberId", member);
      line.put("status", present.contains(member) ? "PRESENT" : "EXCUSED");
      line.put("proxyHolderId", null);
      lines.add(line);
    }
    return lines;
  }

  /** The variables of « Vote » for an ordinary vote with these figures (no withdrawal, no secret ballot). */
  public static Map<String, Object> vote(int votesFor, int against, int abstentions) {
    Map<String, Object> vote = new LinkedHashMap<>();
    vote.put(WITHDRAWN, false);
    vote.put(VOTES_FOR, votesFor);
    vote.put(VOTES_AGAINST, against);
    vote.put(ABSTENTIONS, abstentions);
    vote.put(NOT_PARTICIPATING, 0);
    vote.put(SECRET_BALLOT, false);
    return vote;
  }

  public static void clockAt(String isoDateTime) {
    ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(isoDateTime).toInstant()));
  }

  public static void resetClock() {
    ClockUtil.reset();
  }

  public TestRestTemplate as(String user) {
    return rest.withBasicAuth(user, PASSWORDS.getOrDefault(user, "membre-demo"));
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> resource(String path) {
    try (InputStream in = getClass().getResourceAsStream(path)) {
      return json.readValue(in, LinkedHashMap.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Object> resourceList(String path) {
    try (InputStream in = getClass().getResourceAsStream(path)) {
      return json.readValue(in, List.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
        new ParameterizedTypeReference<>() {});
  }

  public Map<String, Object> get(String user, String path) {
    ResponseEntity<Map<String, Object>> response = as(user).exchange(path, HttpMethod.GET, null,
        new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).as("GET " + path).isEqualTo(200);
    return response.getBody();
  }

  /** Submits a draft through the API as the drafter; returns the deliberation id. */
  public String submit(Map<String, Object> draft) {
    ResponseEntity<Map<String, Object>> response = post("redacteur", "/api/deliberations", draft);
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
    return (String) response.getBody().get("id");
  }

  /** The seed's deliberation and the session that adopted it. */
  public record Seed(String deliberationId, String sessionId) {}

  /**
   * Deliberation 2022-14 replayed on the clock of June 2022 up to its adoption (13 votes for, the
   * seed's attendance): numbered, « Signer l'extrait » open for the president.
   */
  public Seed seedAdopted(String place) {
    return seedAdopted(place, id -> { });
  }

  /** The same, with {@code beforeReview} done on the draft before the director validates it (annex files…). */
  public Seed seedAdopted(String place, java.util.function.Consumer<String> beforeReview) {
    clockAt("2022-05-20T09:00:00+02:00");
    String id = submit(resource("/seed/deliberation-2022-14.json"));
    beforeReview.accept(id);
    completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    clockAt("2022-06-01T09:00:00+02:00");
    String session = createSession("comitesyndical", "2022-06-16T10:00:00+02:00", place);
    completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(id)));
    clockAt("2022-06-10T11:00:00+02:00");
    completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    executeJobs();
    clockAt("2022-06-16T10:00:00+02:00");
    executeJobs();
    completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(
        ATTENDANCE, resourceList("/seed/attendance-2022-06-16.json"),
        PRESIDING_MEMBER_ID, "bmesseannegrobelny", SESSION_SECRETARY_ID, "cbachelet"));
    completeOk("secretariat", session, TASK_RECORD_VOTE, vote(13, 0, 0));
    return new Seed(id, session);
  }

  /** A draft of {@code bodyId} submitted by the drafter and approved by the director; returns its id. */
  /** Joins a PDF annex to draft {@code id} as {@code user} (multipart {@code file}, {@code title}). */
  @SuppressWarnings("unchecked")
  public ResponseEntity<Map<String, Object>> joinAnnex(String user, String id, byte[] content, String fileName,
      String title) {
    return as(user).exchange("/api/deliberations/" + id + "/annexes", HttpMethod.POST,
        multipart(content, fileName, title), (Class<Map<String, Object>>) (Class<?>) Map.class);
  }

  /** The multipart body of an annex: {@code file} (absent when {@code content} is null) and {@code title}. */
  public static HttpEntity<org.springframework.util.LinkedMultiValueMap<String, Object>> multipart(byte[] content,
      String fileName, String title) {
    org.springframework.util.LinkedMultiValueMap<String, Object> parts = new org.springframework.util.LinkedMultiValueMap<>();
    if (content != null) {
      parts.add("file", new org.springframework.core.io.ByteArrayResource(content) {
        @Override
        public String getFilename() {
          return fileName;
        }
      });
    }
    parts.add("title", title);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(parts, headers);
  }

  public String approvedDraft(String bodyId, String object) {
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("bodyId", bodyId);
    draft.put("object", object);
    draft.put("articles", List.of(Map.of("verb", "DECIDE", "text", "d'approuver le projet.")));
    draft.put("matiere", "5.2");
    String id = submit(draft);
    completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    return id;
  }

  /**
   * A session of {@code bodyId} on {@code sessionDate}, its one item (« Rapport d'activité {day} »)
   * approved, its agenda built and its convocation signed on {@code day} (the clock is left there):
   * the convocation mails are queued, not sent. Returns the session's id.
   */
  public String convoked(String bodyId, String day, String sessionDate) {
    clockAt(day + "T09:00:00+01:00");
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("bodyId", bodyId);
    draft.put("object", "Rapport d'activité " + day);
    draft.put("articles", List.of(Map.of("verb", "PREND ACTE", "text", "du rapport d'activité.")));
    draft.put("matiere", "5.2");
    String id = submit(draft);
    completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    String session = createSession(bodyId, sessionDate, "Lille");
    completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(id)));
    completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    return session;
  }

  /** A session of {@code bodyId} with {@code agenda}, its agenda built by the secretariat; returns its id. */
  public String sessionWithAgenda(String bodyId, String date, List<String> agenda) {
    String session = createSession(bodyId, date, "Lille, salle du conseil");
    completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, agenda));
    return session;
  }

  public String createSession(String bodyId, String date, String place) {
    ResponseEntity<Map<String, Object>> response = post("secretariat", "/api/sessions",
        Map.of("bodyId", bodyId, "sessionDate", date, "place", place));
    assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(201);
    return (String) response.getBody().get("id");
  }

  /**
   * The one open task of that key in the process instance of that business key. For
   * {@code recordVote}: when the body's previous session (held and closed by another test of the
   * same database) has minutes to approve, the engine puts that vote first; it is postponed here
   * (withdrawn, the minutes stay DRAFT) so that the test votes on its own agenda. A test of the
   * minutes takes that vote with {@link #minutesVote}.
   */
  public Task task(String businessKey, String taskKey) {
    if (fr.comitia.session.SessionVariables.TASK_RECORD_VOTE.equals(taskKey)) {
      Task minutes = openMinutesVote(businessKey);
      if (minutes != null) {
        ResponseEntity<Map<String, Object>> postponed = complete("secretariat", minutes, Map.of(WITHDRAWN, true));
        assertThat(postponed.getStatusCode().value()).as("postponed minutes vote: %s", postponed.getBody())
            .isEqualTo(204);
      }
    }
    return onlyTask(businessKey, taskKey);
  }

  /** The vote on the previous session's minutes, first {@code recordVote} of session {@code businessKey}. */
  public Task minutesVote(String businessKey) {
    Task task = openMinutesVote(businessKey);
    assertThat(task).as("vote on the previous minutes at %s", businessKey).isNotNull();
    return task;
  }

  private Task openMinutesVote(String businessKey) {
    List<Task> votes = taskService.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(fr.comitia.session.SessionVariables.TASK_RECORD_VOTE).list();
    return votes.size() == 1 && taskService.getVariable(votes.get(0).getId(),
        fr.comitia.session.SessionVariables.MINUTES_OF_SESSION_ID) != null ? votes.get(0) : null;
  }

  private Task onlyTask(String businessKey, String taskKey) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(taskKey).list();
    assertThat(tasks).as("open task %s of %s", taskKey, businessKey).hasSize(1);
    return tasks.get(0);
  }

  public boolean hasTask(String businessKey, String taskKey) {
    return taskService.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).count() > 0;
  }

  /** Completes a task through the engine REST API as {@code user}; variables as Camunda typed values. */
  public ResponseEntity<Map<String, Object>> complete(String user, Task task, Map<String, Object> variables) {
    Map<String, Object> typed = new LinkedHashMap<>();
    variables.forEach((name, value) -> typed.put(name, typed(value)));
    return post(user, "/engine-rest/task/" + task.getId() + "/complete", Map.of("variables", typed));
  }

  /** Completes and expects success (204). */
  public void completeOk(String user, String businessKey, String taskKey, Map<String, Object> variables) {
    ResponseEntity<Map<String, Object>> response = complete(user, task(businessKey, taskKey), variables);
    assertThat(response.getStatusCode().value()).as("%s: %s", taskKey, response.getBody()).isEqualTo(204);
  }

  /** Completes and expects a refusal (400); returns the message. */
  public String completeRefused(String user, String businessKey, String taskKey, Map<String, Object> variables) {
    ResponseEntity<Map<String, Object>> response = complete(user, task(businessKey, taskKey), variables);
    assertThat(response.getStatusCode().value()).as("%s: %s", taskKey, response.getBody()).isEqualTo(400);
    return (String) response.getBody().get("message");
  }

  private Map<String, Object> typed(Object value) {
    Map<String, Object> v = new LinkedHashMap<>();
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      try {
        v.put("value", json.writeValueAsString(value));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      v.put("type", "Json");
    } else if (value instanceof Boolean) {
      v.put("value", value);
      v.put("type", "Boolean");
    } else if (value instanceof Integer || value instanceof Long) {
      v.put("value", value);
      v.put("type", "Integer");
    } else {
      v.put("value", value);
      v.put("type", "String");
    }
    return v;
  }

  /**
   * Executes the jobs due now (async continuations first, then timers due by the clock), until none
   * is left; returns how many. A job that another job's execution removed meanwhile (an interrupting
   * timer, a finished subprocess) is skipped, as the job executor would find it gone.
   */
  public int executeJobs() {
    int executed = 0;
    for (int round = 0; round < 50; round++) {
      List<Job> jobs = new ArrayList<>(managementService.createJobQuery().executable().messages().list());
      if (jobs.isEmpty()) {
        jobs.addAll(managementService.createJobQuery().executable().timers().list());
      }
      if (jobs.isEmpty()) {
        return executed;
      }
      for (Job job : jobs) {
        if (managementService.createJobQuery().jobId(job.getId()).count() == 0) {
          continue;
        }
        managementService.executeJob(job.getId());
        executed++;
      }
    }
    throw new IllegalStateException("Jobs keep coming after 50 rounds");
  }

  /**
   * Time passes, a minute at a time on the engine's clock, until the prefecture (simulated: it
   * acknowledges {@code comitia.prefecture.simulated.acknowledgement-delay} after the deposit) has
   * sent its ARActe and no act waits for one any more; the jobs due run at each step. Returns the
   * minutes that passed.
   */
  public int prefectureAcknowledges() {
    return prefectureAcknowledges(managementService.createJobQuery().timers().activityId("arActeDue"));
  }

  /** The same, until deliberation {@code deliberationId} waits for its ARActe no more. */
  public int prefectureAcknowledges(String deliberationId) {
    String instance = (String) get("directeur", "/api/deliberations/" + deliberationId).get("processInstanceId");
    return prefectureAcknowledges(managementService.createJobQuery().timers().activityId("arActeDue")
        .processInstanceId(instance));
  }

  private int prefectureAcknowledges(org.camunda.bpm.engine.runtime.JobQuery waiting) {
    executeJobs();
    int minutes = 0;
    while (waiting.count() > 0) {
      if (++minutes > 30) {
        throw new IllegalStateException("No ARActe after 30 minutes");
      }
      ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
      executeJobs();
    }
    return minutes;
  }
}
