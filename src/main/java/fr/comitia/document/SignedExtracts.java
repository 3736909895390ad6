package fr.comitia.document;

import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.register.DeliberationRepository;
import fr.comitia.register.VotedText;
import fr.comitia.roster.Organisation;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The electronically signed extract: once the president has completed « Signer l'extrait », the
 * extract's PDF is signed (PAdES) with the president's certificate, at the engine's time, and kept
 * in the register as document {@value #KIND}; the signing time and the certificate's subject are
 * written on the document and on the deliberation.
 */
@Service
public class SignedExtracts {

  /** Kind of the signed extract in {@code comitia.document} (application/pdf). */
  public static final String KIND = "SIGNED_EXTRACT";

  private final DeliberationRecords records;
  private final VotedText votedText;
  private final DeliberationRepository repository;
  private final ExtractService extracts;
  private final SignatureKeys keys;
  private final PdfSigner signer;
  private final DocumentStore store;
  private final Organisation organisation;
  private final Clock clock;

  SignedExtracts(DeliberationRecords records, VotedText votedText, DeliberationRepository repository, ExtractService extracts, SignatureKeys keys, PdfSigner signer,
      DocumentStore store, Organisation organisation, Clock clock) {
    this.records = records;
    this.votedText = votedText;
    this.repository = repository;
    this.extracts = extracts;
    this.keys = keys;
    this.signer = signer;
    this.store = store;
    this.organisation = organisation;
    this.clock = clock;
  }

  /** Renders, signs and keeps the extract of the text voted (else refuses); returns the signed document. */
  public DocumentStore.Document seal(String deliberationId) {
    votedText.require(deliberationId);
    DeliberationRecord record = records.find(deliberationId).orElseThrow();
    SignatureKeys.Credentials credentials = keys.credentials();
    // PDF dates carry whole seconds: the register keeps the same instant as the signature dictionary.
    OffsetDateTime signedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    byte[] pdf = extracts.pdf(deliberationId);
    String number = record.number() == null ? record.id() : record.number();
    byte[] signed = signer.sign(pdf, credentials, signedAt, new PdfSigner.Details(credentials.commonName(),
        "Pour extrait conforme — délibération n° " + number + " du " + record.body().name(),
        null, organisation.email()));
    String subject = credentials.subject();
    long id = store.save("DELIBERATION", deliberationId, KIND, fileName(number), "application/pdf", signed,
        signedAt, subject);
    repository.sealed(deliberationId, signedAt, subject);
    return store.latest("DELIBERATION", deliberationId, KIND).filter(d -> d.id() == id).orElseThrow();
  }

  /** The signed extract, once signed. */
  public Optional<DocumentStore.Document> latest(String deliberationId) {
    return store.latest("DELIBERATION", deliberationId, KIND);
  }

  /** « extrait-2022-14-signe.pdf » */
  static String fileName(String number) {
    return "extrait-" + number + "-signe.pdf";
  }
}
