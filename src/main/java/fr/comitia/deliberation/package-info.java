/**
 * A deliberation from draft to signed act: the draft and its review, the vote kept with the SHA-256 of
 * the voted text, the register number, the president's signature, and the quorum judgement the act states.
 * Owns the tables {@code deliberation} (frozen once numbered), {@code deliberation_annex},
 * {@code deliberation_review}, {@code register_counter}.
 */
package fr.comitia.deliberation;
