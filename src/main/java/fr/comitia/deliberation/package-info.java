/**
 * A deliberation from draft to signed act, the workflow and its rules: the draft checked and reviewed,
 * scheduled on a session, the outcome of the vote, the register number for the year of the sitting
 * (handed over by the session with {@code VoteRecorded}), the president's signature. Process
 * {@code deliberation} (its variables in {@link fr.comitia.deliberation.DeliberationVariables}).
 * Writes and reads the register through {@code register}; owns no table of its own.
 */
package fr.comitia.deliberation;
