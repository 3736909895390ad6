package fr.comitia.register;

import fr.comitia.register.DeliberationRecord.Person;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads whole sessions of the register. */
@Service
public class SessionRecords {

  private final SessionRepository repository;
  private final DeliberationRecords deliberations;
  private final Organisation organisation;
  private final PublicationRepository publications;
  private final fr.comitia.platform.PublicUrl publicUrl;
  private final MinutesRepository minutes;

  SessionRecords(SessionRepository repository, DeliberationRecords deliberations, Organisation organisation,
      PublicationRepository publications, fr.comitia.platform.PublicUrl publicUrl, MinutesRepository minutes) {
    this.minutes = minutes;
    this.publications = publications;
    this.publicUrl = publicUrl;
    this.repository = repository;
    this.deliberations = deliberations;
    this.organisation = organisation;
  }

  public Optional<SessionRecord> find(String id) {
    return repository.find(id).map(row -> records(List.of(row)).get(0));
  }

  /** The sessions: one query per table for them all, not one set of reads per session. */
  public List<SessionRecord> list(String bodyId) {
    return records(repository.list(bodyId));
  }

  private List<SessionRecord> records(List<SessionRepository.Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> ids = rows.stream().map(SessionRepository.Row::id).toList();
    Map<String, List<SessionRecord.AgendaItem>> agendas = repository.agendaItems(ids);
    Map<String, Map.Entry<DeliberationRecord.Attendance, DeliberationRecord.Quorum>> rollCalls =
        deliberations.rollCalls(rows);
    Map<String, PublicationRepository.DeliberationsList> lists = publications.findLists(ids);
    Map<String, MinutesRepository.Minutes> allMinutes = minutes.find(ids);
    return rows.stream().map(s -> {
      Body body = organisation.body(s.bodyId()).orElseThrow();
      SessionStatus status = SessionStatus.valueOf(s.status());
      var rollCall = rollCalls.get(s.id());
      PublicationRepository.DeliberationsList l = lists.get(s.id());
      return new SessionRecord(s.id(), s.bodyId(), body.name(), status.name(), status.label(), s.sessionDate(),
          s.place(), s.convocationDate(), s.convokedBy(), s.urgent(), s.urgencyReason(), s.sitting(),
          s.quorumRequired(), person(s.presidingMemberId()), person(s.sessionSecretaryId()),
          agendas.getOrDefault(s.id(), List.of()), rollCall == null ? null : rollCall.getKey(),
          rollCall == null ? null : rollCall.getValue(), s.processInstanceId(), s.closedAt(),
          l == null ? null : new SessionRecord.DeliberationsListInfo(l.publishedAt(),
              l.publishedAt() == null ? null : publicUrl.of(listPath(s.id())), l.dueAt()),
          minutes(s, Optional.ofNullable(allMinutes.get(s.id()))));
    }).toList();
  }

  private SessionRecord.MinutesInfo minutes(SessionRepository.Row s, Optional<MinutesRepository.Minutes> found) {
    return found
        .map(m -> new SessionRecord.MinutesInfo(m.status().name(), m.approvedInSessionId(), m.approvedAt(),
            m.signedAt(), m.countersignedAt(), m.publishedAt(),
            m.publishedAt() == null ? null : publicUrl.of(minutesPath(s.id())), m.publicationDueAt()))
        .orElse(s.closedAt() == null ? null : new SessionRecord.MinutesInfo(MinutesRepository.Status.DRAFT.name(),
            null, null, null, null, null, null, null));
  }

  /** The session's signed minutes on the public register (no login), once published. */
  public static String minutesPath(String sessionId) {
    return "/registre/seances/" + sessionId + "/proces-verbal.pdf";
  }

  /** The session's list of deliberations on the public register (no login), once published. */
  public static String listPath(String sessionId) {
    return "/registre/seances/" + sessionId + "/liste-des-deliberations.pdf";
  }

  private Person person(String memberId) {
    return memberId == null ? null : organisation.member(memberId)
        .map(m -> new Person(m.id(), m.civility(), m.firstName(), m.lastName())).orElse(null);
  }
}
