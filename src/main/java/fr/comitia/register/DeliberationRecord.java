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

  /**
   * One line of the attendance table: {@code status} PRESENT, REMOTE (by videoconference), ABSENT or
   * EXCUSED; {@code substituteId} and {@code substituteName} (« M. Patrick CARPENTIER ») the substitute
   * who sat for an absent or excused member, or null.
   */
  public record AttendanceLine(String memberId, String civility, String firstName, String lastName,
      String collectivity, String status, String proxyHolderId, String proxyHolderShortName, String substituteId,
      String substituteName) {

    /** A line without substitute. */
    public AttendanceLine(String memberId, String civility, String firstName, String lastName, String collectivity,
        String status, String proxyHolderId, String proxyHolderShortName) {
      this(memberId, civility, firstName, lastName, collectivity, status, proxyHolderId, proxyHolderShortName, null,
          null);
    }

    public String fullName() {
      return civility + " " + firstName + " " + lastName;
    }

    /** The seat was filled: the member present in person, by videoconference, or through their substitute. */
    public boolean seated() {
      return "PRESENT".equals(status) || "REMOTE".equals(status) || substituteId != null;
    }

    /**
     * The member as the attendance table names them: « M. Patrick CARPENTIER, suppléant de M. André
     * FIGOUREUX », « Mme Anne VANPEENE (par visioconférence) », else the full name.
     */
    public String seatName() {
      if (substituteId != null) {
        return substituteName + ", " + substituteWord() + " de " + fullName();
      }
      return "REMOTE".equals(status) ? fullName() + " (par visioconférence)" : fullName();
    }

    /** « suppléant » or « suppléante », after the substitute's civility. */
    public String substituteWord() {
      return substituteName != null && substituteName.startsWith("Mme ") ? "suppléante" : "suppléant";
    }
  }

  /**
   * The totals of the attendance table: {@code present} counts the members present in person, by
   * videoconference ({@code remote}) and through their substitute ({@code substituted}); {@code absent}
   * and {@code excused} the others.
   */
  public record Attendance(int inOffice, int present, int absent, int excused, int proxies,
      List<AttendanceLine> members, int remote, int substituted) {

    /** Totals without videoconference nor substitutes. */
    public Attendance(int inOffice, int present, int absent, int excused, int proxies, List<AttendanceLine> members) {
      this(inOffice, present, absent, excused, proxies, members, 0, 0);
    }
  }

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
