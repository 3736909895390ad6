package fr.comitia.session;

import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import fr.comitia.register.SessionRepository;
import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.AttendanceStatus;

import fr.comitia.register.QuorumJudgement;

import fr.comitia.platform.FrenchDates;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.platform.TaskFormData;
import fr.comitia.roster.BodyDirectory.Seat;
import fr.comitia.roster.Organisation.Body;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * What the Tasklist forms of process {@code session} show (task-local Json variables set when the
 * task is created, never submitted): the session ({@code sessionView}), the approved drafts waiting
 * for a session ({@code availableDrafts}), the members in office by collectivity
 * ({@code rollCallMembers}) with the quorum rule of the day ({@code quorumPreview}), the figures of
 * a vote ({@code voteView}).
 */
final class SessionForms {

  static final String SESSION_VIEW = "sessionView";
  static final String AVAILABLE_DRAFTS = "availableDrafts";
  static final String ROLL_CALL_MEMBERS = "rollCallMembers";
  static final String QUORUM_PREVIEW = "quorumPreview";
  static final String VOTE_VIEW = "voteView";

  private SessionForms() {}

  /** The session as its forms show it: body, date and place, agenda, convocation delay, quorum. */
  @Component
  static class SessionViews {
    private final SessionRepository repository;
    private final SessionRecords records;
    private final SessionService service;
    private final Clock clock;

    SessionViews(SessionRepository repository, SessionRecords records, SessionService service, Clock clock) {
      this.repository = repository;
      this.records = records;
      this.service = service;
      this.clock = clock;
    }

    Map<String, Object> view(String sessionId) {
      SessionRepository.Row row = repository.find(sessionId).orElseThrow();
      SessionRecord record = records.find(sessionId).orElseThrow();
      Body body = service.body(row);
      LocalDate today = LocalDate.now(clock.withZone(SessionService.PARIS));
      LocalDate sessionDay = SessionService.sessionDay(row);
      int required = body.rules().convocationDelayClearDays();
      int urgentRequired = ConvocationRules.urgentClearDays(required);

      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", row.id());
      view.put("bodyId", body.id());
      view.put("bodyName", body.name());
      view.put("assemblyName", body.assemblyName());
      view.put("president", service.name(body.presidentId()));
      view.put("when", SessionService.when(row.sessionDate()));
      view.put("sessionDate", row.sessionDate().toString());
      view.put("place", row.place());
      view.put("status", record.statusLabel());
      view.put("sitting", row.sitting());
      view.put("quorumRequired", row.quorumRequired());
      view.put("agenda", record.agenda());

      Map<String, Object> convocation = new LinkedHashMap<>();
      convocation.put("requiredClearDays", required);
      convocation.put("deadline", day(ConvocationRules.lastDayToConvoke(sessionDay, required)));
      convocation.put("urgentRequiredClearDays", urgentRequired);
      convocation.put("urgentDeadline", day(ConvocationRules.lastDayToConvoke(sessionDay, urgentRequired)));
      convocation.put("convocationDate", row.convocationDate() == null ? null : day(row.convocationDate()));
      convocation.put("urgent", row.urgent());
      convocation.put("urgencyReason", row.urgencyReason());
      view.put("convocation", convocation);

      view.put("quorum", record.quorum());
      view.put("attendance", record.attendance() == null ? null : Map.of(
          "present", record.attendance().present(), "absent", record.attendance().absent(),
          "excused", record.attendance().excused(), "proxies", record.attendance().proxies(),
          "inOffice", record.attendance().inOffice(), "remote", record.attendance().remote(),
          "substituted", record.attendance().substituted()));
      view.put("presidingMember", record.presidingMember() == null ? null : record.presidingMember().fullName());
      view.put("sessionSecretary", record.sessionSecretary() == null ? null : record.sessionSecretary().fullName());

      // Reconvocation: at least 3 clear days after the sitting without quorum, at the hour of the first convocation.
      ZonedDateTime first = row.sessionDate().atZoneSameInstant(SessionService.PARIS);
      LocalDate earliest = ConvocationRules.earliestReconvocation(sessionDay, today);
      ZonedDateTime proposed = earliest.atTime(first.toLocalTime()).atZone(SessionService.PARIS);
      view.put("reconvocation", Map.of(
          "minimumClearDays", ConvocationRules.RECONVOCATION_MIN_DAYS,
          "earliestDay", day(earliest),
          "proposedDate", proposed.toOffsetDateTime().toString()));
      return view;
    }

    static String day(LocalDate date) {
      return FrenchDates.day(date);
    }
  }

  /** Every form of the session but the roll call and the vote shows the session. */
  @Component("sessionViewListener")
  static class SessionViewListener implements TaskListener {
    private final SessionViews views;

    SessionViewListener(SessionViews views) {
      this.views = views;
    }

    @Override
    public void notify(DelegateTask task) {
      TaskFormData.show(task, SESSION_VIEW, views.view(SessionDelegates.id(task)));
    }
  }

  /** « Établir l'ordre du jour » : the approved drafts of the body waiting for a session. */
  @Component("agendaChoicesListener")
  static class AgendaChoicesListener implements TaskListener {
    private final SessionViews views;
    private final SessionRepository repository;
    private final DeliberationRecords deliberations;

    AgendaChoicesListener(SessionViews views, SessionRepository repository, DeliberationRecords deliberations) {
      this.views = views;
      this.repository = repository;
      this.deliberations = deliberations;
    }

    @Override
    public void notify(DelegateTask task) {
      String sessionId = SessionDelegates.id(task);
      Map<String, Object> session = views.view(sessionId);
      TaskFormData.show(task, SESSION_VIEW, session);
      TaskFormData.show(task, AVAILABLE_DRAFTS, choices(sessionId, (String) session.get("bodyId")));
    }

    List<Map<String, Object>> choices(String sessionId, String bodyId) {
      List<Map<String, Object>> choices = new ArrayList<>();
      for (DeliberationRecord d : deliberations.list(null, "AWAITING_SESSION", bodyId)) {
        if (repository.openSessionWith(d.id(), sessionId).isPresent()) {
          continue;
        }
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("id", d.id());
        choice.put("object", d.object());
        choice.put("rapporteur", d.rapporteur() == null ? null : d.rapporteur().fullName());
        choice.put("articles", d.articles() == null ? 0 : d.articles().size());
        OffsetDateTime approvedAt = d.reviews() == null ? null : d.reviews().stream()
            .filter(DeliberationRecord.Review::approved).map(DeliberationRecord.Review::reviewedAt)
            .reduce((a, b) -> b).orElse(null);
        choice.put("approvedOn", approvedAt == null ? null
            : SessionViews.day(approvedAt.atZoneSameInstant(SessionService.PARIS).toLocalDate()));
        choices.add(choice);
      }
      return choices;
    }
  }

  /**
   * « Faire l'appel » : the members in office on the session day (by collectivity, in the order of
   * the attendance table) and the quorum rule of that day, so that the form shows the quorum as the
   * DMN decision will judge it.
   */
  @Component("rollCallFormListener")
  static class RollCallFormListener implements TaskListener {
    private final SessionViews views;
    private final SessionRepository repository;
    private final SessionService service;
    private final QuorumService quorum;

    RollCallFormListener(SessionViews views, SessionRepository repository, SessionService service,
        QuorumService quorum) {
      this.views = views;
      this.repository = repository;
      this.service = service;
      this.quorum = quorum;
    }

    @Override
    public void notify(DelegateTask task) {
      String sessionId = SessionDelegates.id(task);
      SessionRepository.Row row = repository.find(sessionId).orElseThrow();
      Body body = service.body(row);
      List<Map<String, Object>> members = new ArrayList<>();
      for (Seat seat : service.membersInOffice(row)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", seat.id());
        m.put("name", seat.fullName());
        m.put("shortName", seat.civility() + " " + seat.lastName());
        m.put("collectivity", seat.collectivity());
        m.put("president", "PRESIDENT".equals(seat.role()));
        // The substitute the statuts give this member (who may sit if they are absent or excused), or null.
        String substitute = body.substitutes().get(seat.id());
        m.put("substitute", substitute == null ? null : Map.of("id", substitute, "name", service.name(substitute)));
        members.add(m);
      }
      TaskFormData.show(task, SESSION_VIEW, views.view(sessionId));
      TaskFormData.show(task, ROLL_CALL_MEMBERS, members);
      TaskFormData.show(task, QUORUM_PREVIEW, preview(SessionService.sessionDay(row), body, row.quorumRequired(),
          members.size()));
    }

    Map<String, Object> preview(LocalDate day, Body body, boolean quorumRequired, int inOffice) {
      QuorumJudgement nobody = quorum.judge(day, body.rules(), quorumRequired, inOffice, 0, 0);
      QuorumJudgement oneRepresented = quorum.judge(day, body.rules(), quorumRequired, inOffice, 0, 1);
      Map<String, Object> preview = new LinkedHashMap<>();
      preview.put("regime", nobody.regime());
      preview.put("ruleLabel", nobody.ruleLabel());
      preview.put("inOffice", inOffice);
      preview.put("required", nobody.required());
      preview.put("countsRepresented", oneRepresented.counted() > 0);
      preview.put("reconvened", nobody.reconvened());
      preview.put("maxProxiesPerHolder", nobody.maxProxiesPerHolder());
      preview.put("assemblyName", body.assemblyName());
      // Whether the statuts allow attendance by videoconference (NOT_ALLOWED, ALLOWED, PUBLIC_VOTES_ONLY).
      preview.put("remoteAttendance", body.rules().remoteAttendance().name());
      preview.put("remoteAllowed", body.rules().remoteAttendance().allowed());
      return preview;
    }
  }

  /** « Vote : <objet> » : the item and the members who may vote (present or represented). */
  @Component("voteFormListener")
  static class VoteFormListener implements TaskListener {
    private final SessionRepository repository;
    private final SessionAgenda agenda;
    private final SessionService service;
    private final InterestDeclarations interests;

    VoteFormListener(SessionRepository repository, SessionAgenda agenda, SessionService service,
        InterestDeclarations interests) {
      this.repository = repository;
      this.agenda = agenda;
      this.service = service;
      this.interests = interests;
    }

    @Override
    public void notify(DelegateTask task) {
      String sessionId = SessionDelegates.id(task);
      SessionRepository.Row row = repository.find(sessionId).orElseThrow();
      String deliberationId = fr.comitia.platform.Variables.string(task, SessionVariables.DELIBERATION_ID);
      int present = 0;
      int represented = 0;
      // Who may vote, for a public vote by roll call: each one's vote is then recorded (L2121-21). A substituted
      // seat votes through its substitute, named so.
      List<Map<String, Object>> voters = new java.util.ArrayList<>();
      List<String> remote = new java.util.ArrayList<>();
      for (AttendanceEntry e : repository.attendance(sessionId, row.sitting())) {
        if (e.seated()) {
          present++;
        } else if (e.proxyHolderId() != null) {
          represented++;
        } else {
          continue;
        }
        Map<String, Object> voter = new LinkedHashMap<>();
        voter.put("memberId", e.memberId());
        voter.put("name", e.substituted() ? service.name(e.substituteId()) + ", suppléant"
            + (service.name(e.substituteId()).startsWith("Mme ") ? "e" : "") + " de " + service.name(e.memberId())
            : service.name(e.memberId()));
        voter.put("represented", !e.seated());
        voter.put("remote", e.status() == AttendanceStatus.REMOTE);
        voter.put("substituteId", e.substituted() ? e.substituteId() : null);
        if (e.status() == AttendanceStatus.REMOTE) {
          remote.add(service.name(e.memberId()));
        }
        voters.add(voter);
      }
      // Under L5211-11-1 a secret ballot is refused while a member attends remotely: the form says so beforehand.
      String secretRefusal = null;
      try {
        BallotRules.checkRemote(new VoteInput(false, 0, 0, 0, 0, true, null),
            service.body(row).rules().remoteAttendance(), remote);
      } catch (fr.comitia.platform.RuleViolation refused) {
        secretRefusal = refused.getMessage();
      }
      List<String> items = repository.agenda(sessionId);
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("sessionId", sessionId);
      view.put("bodyName", service.body(row).name());
      view.put("when", SessionService.when(row.sessionDate()));
      String minutesOf = fr.comitia.platform.Variables.string(task, SessionVariables.MINUTES_OF_SESSION_ID);
      view.put("deliberationId", deliberationId);
      // The first vote may approve the previous session's minutes (L2121-15): no deliberation, no interest.
      view.put("minutesOfSessionId", minutesOf);
      view.put("object", minutesOf != null ? service.minutesItemTitle(minutesOf) : agenda.object(deliberationId));
      view.put("position", minutesOf != null ? 0 : items.indexOf(deliberationId) + 1);
      view.put("items", items.size());
      view.put("present", present);
      view.put("represented", represented);
      view.put("presentOrRepresented", present + represented);
      view.put("voters", voters);
      view.put("secretBallotRefusal", secretRefusal);
      // Declared beforehand from the members' personal links: the form starts with them ticked.
      view.put("declaredInterested", minutesOf != null ? List.of() : interests.declaredFor(sessionId, deliberationId));
      view.put("presidingMember", row.presidingMemberId() == null ? null : service.name(row.presidingMemberId()));
      TaskFormData.show(task, VOTE_VIEW, view);
    }
  }
}
