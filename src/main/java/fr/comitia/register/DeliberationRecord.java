package fr.comitia.register;

import fr.comitia.register.Draft.Article;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything the register knows of one deliberation: the draft, its status and number, the session
 * that voted it with the roll call, the quorum (rule and figures), the vote, the signature and the
 * notification of each partner, its nature and matière in the prefecture's classification (codes
 * and labels), its transmission to the prefecture, its publication and the date it became
 * enforceable. What the API returns and the extract prints.
 */
public record DeliberationRecord(
    String id,
    String number,
    String status,
    String statusLabel,
    String organisation,
    BodyInfo body,
    String object,
    Person rapporteur,
    String preamble,
    List<String> visas,
    String proposal,
    List<Article> articles,
    List<String> annexes,
    List<Review> reviews,
    SessionInfo session,
    Attendance attendance,
    Quorum quorum,
    Vote vote,
    Signature signature,
    List<PartnerNotification> notifications,
    String processInstanceId,
    OffsetDateTime createdAt,
    String nature,
    String natureLabel,
    String matiere,
    String matiereLabel,
    List<AnnexFileInfo> annexFiles,
    Transmission transmission,
    Publication publication,
    OffsetDateTime enforceableAt,
    List<Person> interestedMembers) {

  /**
   * The act's transmission to the prefecture (its latest attempt): PENDING, TRANSMITTED, ACKNOWLEDGED
   * (ARActe received, with the ACTES id) or REFUSED (with the reason); {@code attempts} counts them.
   */
  public record Transmission(String status, String actesId, OffsetDateTime transmittedAt,
      OffsetDateTime acknowledgedAt, String refusal, int attempt, String gateway) {}

  /** The act as put online on the public register: its page, the date, the SHA-256 of the PDF published. */
  public record Publication(String url, OffsetDateTime publishedAt, String sha256, String author,
      String authorOffice) {}

  /** An annex file of the act (PDF): its title, the SHA-256 and the size of its bytes. */
  public record AnnexFileInfo(long id, String title, String sha256, long size) {}

  public record BodyInfo(String id, String name, String assemblyName, String presidentTitle, Person president) {}

  public record Person(String id, String civility, String firstName, String lastName) {
    public String fullName() {
      return civility + " " + firstName + " " + lastName;
    }

    public String shortName() {
      return civility + " " + lastName;
    }
  }

  public record Review(String reviewerId, boolean approved, String comment, OffsetDateTime reviewedAt) {}

  /** The sitting that examined the act; {@code agendaPosition} its order number on that agenda (R2121-9). */
  public record SessionInfo(String id, OffsetDateTime date, String place, LocalDate convocationDate, boolean urgent,
      String urgencyReason, boolean reconvened, Person presidingMember, Person sessionSecretary,
      Integer agendaPosition) {}

  public record AttendanceLine(String memberId, String civility, String firstName, String lastName,
      String collectivity, String status, String proxyHolderId, String proxyHolderShortName) {
    public String fullName() {
      return civility + " " + firstName + " " + lastName;
    }
  }

  public record Attendance(int inOffice, int present, int absent, int excused, int proxies,
      List<AttendanceLine> members) {}

  public record Quorum(String rule, String regime, int inOffice, int present, int represented, int counted,
      int required, boolean reached, String sentence, String figures) {}

  /**
   * The vote; {@code ballot} SHOW_OF_HANDS, ROLL_CALL or SECRET (null when withdrawn); on a tie in a
   * public vote, {@code presidingVote} decided it.
   */
  public record Vote(String outcome, boolean withdrawn, Integer voters, Integer votesFor, Integer votesAgainst,
      Integer abstentions, Integer notParticipating, Integer suffragesExprimes, boolean secretBallot,
      String presidingVote, OffsetDateTime recordedAt, String ballot, String debateSummary) {

    /** The tie was decided by the presiding member's vote (public vote). */
    public boolean castingVote() {
      return !withdrawn && !secretBallot && presidingVote != null && votesFor != null
          && votesFor.equals(votesAgainst);
    }
  }

  public record Signature(String signedBy, String signerName, OffsetDateTime signedAt, String signerSubject) {}

  public record PartnerNotification(long id, String partnerId, String name, String email, OffsetDateTime notifiedAt,
      int reminders, OffsetDateTime acknowledgedAt, String acknowledgedBy) {}
}
