package fr.comitia.session;

/**
 * The variables of process {@code session}: a public contract (REST clients, Tasklist forms,
 * tests). Add, never rename.
 */
public final class SessionVariables {

  public static final String PROCESS_KEY = "session";

  // Start
  public static final String BODY_ID = "bodyId";
  public static final String SESSION_DATE = "sessionDate";
  public static final String PLACE = "place";
  public static final String INITIATOR_ID = "initiatorId";

  // buildAgenda
  public static final String AGENDA = "agenda";

  // signConvocation
  public static final String URGENT = "urgent";
  public static final String URGENCY_REASON = "urgencyReason";

  // sendConvocation (multi-instance element)
  public static final String MEMBER_ID = "memberId";

  // rollCall
  public static final String ATTENDANCE = "attendance";
  public static final String PRESIDING_MEMBER_ID = "presidingMemberId";
  public static final String SESSION_SECRETARY_ID = "sessionSecretaryId";

  // checkQuorum (DMN quorum)
  public static final String QUORUM_RESULT = "quorumResult";
  public static final String QUORUM_REACHED = "quorumReached";
  public static final String QUORUM_REQUIRED = "quorumRequired";
  /** The roll call's figures, inputs of DMN quorum (with the body's rules, see QuorumService.dmnVariables). */
  public static final String IN_OFFICE = "inOffice";
  public static final String PRESENT = "present";
  public static final String REPRESENTED = "represented";
  /** What decided, for Tasklist and Cockpit: the rule in words and the figures. */
  public static final String QUORUM_RULE = "quorumRule";
  public static final String QUORUM_FIGURES = "quorumFigures";

  // reconvene
  public static final String NEW_SESSION_DATE = "newSessionDate";

  // recordVote (multi-instance element deliberationId)
  public static final String DELIBERATION_ID = "deliberationId";
  public static final String WITHDRAWN = "withdrawn";
  public static final String VOTES_FOR = "votesFor";
  public static final String VOTES_AGAINST = "votesAgainst";
  public static final String ABSTENTIONS = "abstentions";
  public static final String NOT_PARTICIPATING = "notParticipating";
  public static final String SECRET_BALLOT = "secretBallot";
  public static final String PRESIDING_VOTE = "presidingVote";
  /** SHOW_OF_HANDS | ROLL_CALL | SECRET (secretBallot true ⇔ SECRET; either may be given). Added 2026-12. */
  public static final String BALLOT = "ballot";
  /** For ROLL_CALL: Json [{memberId, choice FOR | AGAINST | ABSTAIN}], matching the figures. Added 2026-12. */
  public static final String BALLOTS = "ballots";
  /** Json array of the members who do not take part for a personal interest (L2131-11). Added 2026-12. */
  public static final String INTERESTED_MEMBER_IDS = "interestedMemberIds";
  /** The substance of the debate on the item, for the minutes (L2121-15). Added 2026-12. */
  public static final String DEBATE_SUMMARY = "debateSummary";
  /**
   * Local variable of the first {@code recordVote} of a session, instead of {@code deliberationId},
   * when the previous session of the body has minutes not yet approved: the session whose minutes
   * are put to the vote (ADOPTED approves them). Added 2026-12.
   */
  public static final String MINUTES_OF_SESSION_ID = "minutesOfSessionId";
  /** The multi-instance element of {@code recordVote}: a deliberation id, or the minutes to approve. Added 2026-12. */
  public static final String AGENDA_ITEM = "agendaItem";
  /** The items of the votes, fixed when the votes begin (String, the agendaItem values joined by commas). Added 2026-12. */
  public static final String VOTE_ITEMS = "voteItems";

  // Task ids
  public static final String TASK_BUILD_AGENDA = "buildAgenda";
  public static final String TASK_SIGN_CONVOCATION = "signConvocation";
  public static final String TASK_ROLL_CALL = "rollCall";
  public static final String TASK_RECONVENE = "reconvene";
  public static final String TASK_RECORD_VOTE = "recordVote";
  public static final String TASK_CLOSE = "closeSession";
  /** « Publier la liste des délibérations » : the list was not online by its due date. Added 2026-12. */
  public static final String TASK_PUBLISH_DELIBERATIONS_LIST = "publishDeliberationsList";

  private SessionVariables() {}
}
