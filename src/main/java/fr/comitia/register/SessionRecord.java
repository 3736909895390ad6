package fr.comitia.register;

import fr.comitia.register.DeliberationRecord.Attendance;
import fr.comitia.register.DeliberationRecord.Person;
import fr.comitia.register.DeliberationRecord.Quorum;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A session as the register knows it: agenda and results, roll call, quorum, documents. */
public record SessionRecord(
    String id,
    String bodyId,
    String bodyName,
    String status,
    String statusLabel,
    OffsetDateTime sessionDate,
    String place,
    LocalDate convocationDate,
    String convokedBy,
    boolean urgent,
    String urgencyReason,
    int sitting,
    boolean quorumRequired,
    Person presidingMember,
    Person sessionSecretary,
    List<AgendaItem> agenda,
    Attendance attendance,
    Quorum quorum,
    String processInstanceId,
    OffsetDateTime closedAt,
    DeliberationsListInfo deliberationsList,
    MinutesInfo minutes) {

  /**
   * The minutes (L2121-15): DRAFT from the close, APPROVED by the first vote of the body's next
   * session ({@code approvedInSessionId}), SIGNED once signed by the president and countersigned by
   * the session's secretary, PUBLISHED once online ({@code url}, public); null before the close.
   */
  public record MinutesInfo(String status, String approvedInSessionId, OffsetDateTime approvedAt,
      OffsetDateTime signedAt, OffsetDateTime countersignedAt, OffsetDateTime publishedAt, String url,
      OffsetDateTime publicationDueAt) {}

  /**
   * The list of the session's deliberations (L2121-25) on the public register: when it went online
   * (null until then) and its public address.
   */
  public record DeliberationsListInfo(OffsetDateTime publishedAt, String url, OffsetDateTime dueAt) {}

  public record AgendaItem(int position, String deliberationId, String object, String number, String status,
      String outcome, Integer votesFor, Integer votesAgainst, Integer abstentions, Integer notParticipating) {}
}
