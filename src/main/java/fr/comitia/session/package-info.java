/**
 * A session of an assembly: agenda, convocation (clear-day delay, urgency), each member's convocation, proxies
 * declared by members, roll call, quorum (DMN {@code quorum}), votes, closing. Declares the documents a convocation
 * needs ({@link fr.comitia.session.ConvocationDocuments}). Owns the tables {@code assembly_session},
 * {@code agenda_item}, {@code attendance}, {@code proxy_declaration}, {@code quorum_check}, {@code vote},
 * {@code vote_ballot}.
 */
package fr.comitia.session;
