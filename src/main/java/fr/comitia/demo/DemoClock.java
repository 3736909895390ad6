package fr.comitia.demo;

import fr.comitia.platform.RuleViolation;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The demonstration's clock: the engine's time moved forward (never back) to the next due date —
 * the opening of a session, a legal delay, a reminder — so that the job executor runs what falls
 * due, and a live session can be walked through in minutes. Only in profile {@code demo}: anywhere
 * else every call is refused. The offset lives in this JVM; a restart gives real time back (what
 * ran meanwhile stays done).
 */
@Component
public class DemoClock {

  /** Where {@link #next} goes. */
  public enum Target { NEXT_DUE_DATE, SESSION }

  /** A due date waiting on the engine's clock. */
  public record DueDate(Instant dueAt, String what, String businessKey, String activityId) {}

  private static final String SESSION_OPENS = "sessionOpens";

  private final Environment environment;
  private final ManagementService management;
  private final RuntimeService runtime;
  private final RepositoryService repository;

  DemoClock(Environment environment, ManagementService management, RuntimeService runtime,
      RepositoryService repository) {
    this.environment = environment;
    this.management = management;
    this.runtime = runtime;
    this.repository = repository;
  }

  public boolean available() {
    return environment.acceptsProfiles(Profiles.of("demo"));
  }

  /** The engine's time now. */
  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** The timers waiting, soonest first. */
  public List<DueDate> dueDates() {
    require();
    java.util.Map<String, String> activities = new java.util.HashMap<>();
    management.createJobDefinitionQuery().list().forEach(d -> activities.put(d.getId(), d.getActivityId()));
    return management.createJobQuery().timers().orderByJobDuedate().asc().list().stream()
        .filter(j -> j.getDuedate() != null)
        .map(j -> dueDate(j, activities.get(j.getJobDefinitionId())))
        .toList();
  }

  /**
   * Moves the engine's time to the next due date ({@code SESSION}: the next opening of a session),
   * plus a second so that it is due; returns it. Refused when there is nothing ahead.
   */
  public DueDate next(Target target) {
    require();
    Instant now = now();
    Optional<DueDate> next = dueDates().stream()
        .filter(d -> d.dueAt().isAfter(now))
        .filter(d -> target != Target.SESSION || SESSION_OPENS.equals(d.activityId()))
        .min(Comparator.comparing(DueDate::dueAt));
    DueDate due = next.orElseThrow(() -> new RuleViolation(target == Target.SESSION
        ? "Aucune séance convoquée à venir : signez d'abord une convocation (« Signer la convocation »)."
        : "Aucune échéance à venir : rien n'attend l'horloge."));
    ClockUtil.offset(due.dueAt().plusSeconds(1).toEpochMilli() - System.currentTimeMillis());
    return due;
  }

  /** Real time again. */
  public void reset() {
    require();
    ClockUtil.reset();
  }

  private void require() {
    if (!available()) {
      throw new RuleViolation("L'horloge de démonstration n'existe que dans le profil demo : en production, le "
          + "temps de Comitia est celui du serveur.");
    }
  }

  private DueDate dueDate(Job job, String activityId) {
    String key = runtime.createProcessInstanceQuery().processInstanceId(job.getProcessInstanceId()).list().stream()
        .findFirst().map(p -> p.getBusinessKey()).orElse(null);
    String name = activityId;
    if (activityId != null && job.getProcessDefinitionId() != null) {
      FlowElement element = repository.getBpmnModelInstance(job.getProcessDefinitionId()).getModelElementById(activityId);
      if (element != null && element.getName() != null) {
        name = element.getName();
      }
    }
    return new DueDate(job.getDuedate().toInstant(), name, key, activityId);
  }
}
