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
  /**
   * Kind of the extract once the act is enforceable: the same text with the mention of its
   * transmission and publication, signed again with the same certificate (application/pdf).
   */
  public static final String ENFORCEABLE_KIND = "ENFORCEABLE_EXTRACT";

  private final DeliberationRecords records;
  private final VotedText votedText;
  private final DeliberationRepository repository;
  private final ExtractService extracts;
  private final SignatureKeys keys;
  private final PdfSigner signer;
  private final DocumentStore store;
  private final Organisation organisation;
  private final Clock clock;
  private final DocumentEvidence evidence;

  SignedExtracts(DeliberationRecords records, VotedText votedText, DeliberationRepository repository, ExtractService extracts, SignatureKeys keys, PdfSigner signer,
      DocumentStore store, Organisation organisation, Clock clock, DocumentEvidence evidence) {
    this.evidence = evidence;
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
    DocumentStore.Document signed = sign(deliberationId, KIND, "signe");
    repository.sealed(deliberationId, signed.signedAt(), signed.signerSubject());
    return signed;
  }

  /**
   * Once the act is enforceable: the extract rendered again, now with « Transmis au représentant de
   * l'État le …, publié le … », signed and kept as {@value #ENFORCEABLE_KIND} (once: a second run
   * returns the first). The published act (the first signed extract) does not change.
   */
  public DocumentStore.Document sealEnforceable(String deliberationId) {
    return store.latest("DELIBERATION", deliberationId, ENFORCEABLE_KIND)
        .orElseGet(() -> sign(deliberationId, ENFORCEABLE_KIND, "executoire"));
  }

  /** The extract sent to the partners: the enforceable one, else the signed one. */
  public Optional<DocumentStore.Document> forNotification(String deliberationId) {
    return store.latest("DELIBERATION", deliberationId, ENFORCEABLE_KIND).or(() -> latest(deliberationId));
  }

  private DocumentStore.Document sign(String deliberationId, String kind, String suffix) {
    votedText.require(deliberationId);
    DeliberationRecord record = records.find(deliberationId).orElseThrow();
    SignatureKeys.Credentials credentials = keys.credentials();
    // PDF dates carry whole seconds: the register keeps the same instant as the signature dictionary.
    OffsetDateTime signedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    byte[] pdf = extracts.pdf(record);
    String number = record.number() == null ? record.id() : record.number();
    byte[] signed = signer.sign(pdf, credentials, signedAt, new PdfSigner.Details(credentials.commonName(),
        "Pour extrait conforme — délibération n° " + number + " du " + record.body().name(),
        null, organisation.email()));
    long id = store.save("DELIBERATION", deliberationId, kind, fileName(number, suffix), "application/pdf", signed,
        signedAt, credentials.subject());
    DocumentStore.Document document = store.latest("DELIBERATION", deliberationId, kind).filter(d -> d.id() == id)
        .orElseThrow();
    evidence.signed(deliberationId, number, document, signer.level());
    return document;
  }

  /** The signed extract, once signed. */
  public Optional<DocumentStore.Document> latest(String deliberationId) {
    return store.latest("DELIBERATION", deliberationId, KIND);
  }

  /** « extrait-2022-14-signe.pdf », « extrait-2022-14-executoire.pdf » */
  static String fileName(String number, String suffix) {
    return "extrait-" + number + "-" + suffix + ".pdf";
  }
}
