package fr.comitia.session;

/**
 * The documents a convocation needs, as PDF: declared here by the session, provided by the module
 * that renders the register's documents (so that the session does not depend on it).
 */
public interface ConvocationDocuments {

  /** The convocation of the session: agenda, explanatory notes, place and time. */
  byte[] convocationPdf(String sessionId);

  /** A draft on the agenda, as sent to the members. */
  byte[] draftPdf(String deliberationId);
}
