/**
 * The register: the body's legal record and the read model every other module reads. What the
 * assemblies decided and how — deliberations (text, annexes, reviews, vote kept with the SHA-256 of
 * the voted text, number, signature), sessions (agenda, convocation, roll call, quorum, votes,
 * ballots) and the notification of each act with its acknowledgement — written by the features
 * ({@code deliberation}, {@code session}, {@code notification}) through its repositories and read
 * whole through {@link fr.comitia.register.DeliberationRecords} and
 * {@link fr.comitia.register.SessionRecords} by {@code document}, {@code notification} and {@code web}.
 * Depends only on {@code roster} (who sat, by date) and {@code platform}.
 *
 * <p>Owns the tables {@code deliberation} (frozen once numbered), {@code deliberation_annex},
 * {@code deliberation_review}, {@code register_counter}, {@code assembly_session}, {@code agenda_item},
 * {@code attendance}, {@code quorum_check}, {@code vote} (frozen once the act is numbered),
 * {@code vote_ballot}, {@code notification}, {@code annex_file}, and for {@code legality} {@code transmission},
 * {@code publication} (never deleted, never changed once online) and {@code deliberations_list}. No other
 * module writes SQL on them.
 */
package fr.comitia.register;
