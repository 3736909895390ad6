package fr.comitia.register;

/** A member's vote. */
public enum VoteChoice {
  FOR,
  AGAINST,
  ABSTAIN
}
