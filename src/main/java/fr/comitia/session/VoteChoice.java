package fr.comitia.session;

/** A member's vote. */
public enum VoteChoice {
  FOR,
  AGAINST,
  ABSTAIN
}
