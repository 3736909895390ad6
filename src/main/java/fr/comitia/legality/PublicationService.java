package fr.comitia.legality;

import fr.comitia.document.DocumentStore;
import fr.comitia.document.SignedExtracts;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.register.PublicationRepository;
import fr.comitia.register.PublicationRepository.Publication;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/**
 * Publication of the act on the body's public register (R2131-1): the whole act as signed (PDF/A,
 * which cannot be modified without breaking its signature), its SHA-256, its author's first name,
 * name and office, and the date put online. Once online it stays online and never changes.
 */
@Service
public class PublicationService {

  private final DeliberationRecords records;
  private final SignedExtracts signedExtracts;
  private final PublicationRepository publications;
  private final Clock clock;

  private final LegalityEvidence evidence;
  private final fr.comitia.platform.PublicUrl publicUrl;

  PublicationService(DeliberationRecords records, SignedExtracts signedExtracts, PublicationRepository publications,
      Clock clock, LegalityEvidence evidence, fr.comitia.platform.PublicUrl publicUrl) {
    this.evidence = evidence;
    this.publicUrl = publicUrl;
    this.records = records;
    this.signedExtracts = signedExtracts;
    this.publications = publications;
    this.clock = clock;
  }

  /** Puts the signed act online (once: a second run keeps the first publication). */
  public Publication publish(String deliberationId) {
    DeliberationRecord record = records.find(deliberationId).orElseThrow();
    DocumentStore.Document signed = signedExtracts.latest(deliberationId).orElseThrow(() ->
        new IllegalStateException("Deliberation " + deliberationId + " has no signed extract to publish"));
    DeliberationRecord.Person president = record.body().president();
    String author = president == null ? record.body().presidentTitle() : president.fullName();
    Publication publication = publications.publish(deliberationId, signed.id(), signed.sha256(), author,
        office(record), OffsetDateTime.now(clock));
    evidence.published(publication, publicUrl.of(DeliberationRecords.publicPath(deliberationId)));
    return publication;
  }

  /** « Président du Syndicat mixte » from « Le Président du Syndicat mixte, ». */
  static String office(DeliberationRecord record) {
    String title = record.body().presidentTitle() == null ? "Président" : record.body().presidentTitle().strip();
    return title.replaceFirst("^(Le|La|L')\\s*", "").replaceAll("[,.]$", "");
  }
}
