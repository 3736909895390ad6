package fr.comitia.document;

import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import fr.comitia.roster.Organisation;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The approved minutes signed (CGCT L2121-15: « signé par le maire et le ou les secrétaires »):
 * the minutes drawn up at the close, as approved, signed (PAdES) with the president's certificate
 * ({@value #SIGNED}), then countersigned with the session's secretary's certificate by an
 * incremental update that leaves the first signature valid ({@value #COUNTERSIGNED}). Each is made
 * once: a unique index of the register refuses a second copy of the same kind.
 */
@Service
public class SignedMinutes {

  /** The minutes with the president's signature (application/pdf). */
  public static final String SIGNED = "MINUTES_SIGNED";
  /** The minutes with both signatures, as published (application/pdf). */
  public static final String COUNTERSIGNED = "MINUTES_COUNTERSIGNED";

  private final DocumentStore store;
  private final SessionRecords sessions;
  private final SignatureKeys keys;
  private final PdfSigner signer;
  private final Organisation organisation;
  private final Clock clock;

  SignedMinutes(DocumentStore store, SessionRecords sessions, SignatureKeys keys, PdfSigner signer,
      Organisation organisation, Clock clock) {
    this.store = store;
    this.sessions = sessions;
    this.keys = keys;
    this.signer = signer;
    this.organisation = organisation;
    this.clock = clock;
  }

  /** Whether the secretary can countersign (their key is there, or the demo run makes one). */
  public boolean canCountersign(String memberId) {
    return keys.canSign(memberId);
  }

  /** The president's signature on the minutes as drawn up and approved; once (a second call returns the first). */
  public DocumentStore.Document sign(String sessionId) {
    return store.latest("SESSION", sessionId, SIGNED).orElseGet(() -> {
      DocumentStore.Document minutes = store.latest("SESSION", sessionId, MinutesService.MINUTES).orElseThrow(() ->
          new IllegalStateException("Le procès-verbal de la séance " + sessionId + " n'a pas été établi."));
      return apply(sessionId, minutes.content(), SIGNED, keys.credentials(), "signe",
          "Procès-verbal approuvé — signature du président");
    });
  }

  /** The secretary's countersignature over the president's; once. */
  public DocumentStore.Document countersign(String sessionId, String secretaryId) {
    return store.latest("SESSION", sessionId, COUNTERSIGNED).orElseGet(() -> {
      DocumentStore.Document signed = store.latest("SESSION", sessionId, SIGNED).orElseThrow(() ->
          new IllegalStateException("Le procès-verbal de la séance " + sessionId + " n'est pas signé par le président."));
      return apply(sessionId, signed.content(), COUNTERSIGNED, keys.memberCredentials(secretaryId,
          "Secrétaire de séance"), "signe", "Procès-verbal approuvé — contreseing du secrétaire de séance");
    });
  }

  public Optional<DocumentStore.Document> latest(String sessionId, String kind) {
    return store.latest("SESSION", sessionId, kind);
  }

  private DocumentStore.Document apply(String sessionId, byte[] pdf, String kind, SignatureKeys.Credentials credentials,
      String suffix, String reason) {
    SessionRecord session = sessions.find(sessionId).orElseThrow();
    OffsetDateTime signedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    byte[] signed = signer.sign(pdf, credentials, signedAt, new PdfSigner.Details(credentials.commonName(),
        reason + " — séance du " + session.bodyName() + " du "
            + fr.comitia.platform.FrenchDates.parisDay(session.sessionDate())
                .format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.FRENCH)),
        null, organisation.email()));
    long id = store.save("SESSION", sessionId, kind, "proces-verbal-" + sessionId + "-" + suffix
        + (COUNTERSIGNED.equals(kind) ? "-contresigne" : "") + ".pdf", "application/pdf", signed, signedAt,
        credentials.subject());
    return store.find(id).orElseThrow();
  }
}
