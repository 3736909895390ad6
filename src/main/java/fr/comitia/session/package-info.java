/**
 * A session of an assembly, the workflow and its rules: agenda, convocation (clear-day delay, urgency), each
 * member's convocation, proxies declared by members, roll call, quorum (DMN {@code quorum}), votes, closing.
 * Process {@code session} (its variables in {@link fr.comitia.session.SessionVariables}). Its convocations
 * carry the documents {@code document} renders from the register. Writes the sitting into the register
 * through {@code register}; owns the tables {@code proxy_declaration} and {@code interest_declaration}.
 */
package fr.comitia.session;
