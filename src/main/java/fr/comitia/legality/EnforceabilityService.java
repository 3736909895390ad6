package fr.comitia.legality;

import fr.comitia.document.SignedExtracts;
import fr.comitia.register.DeliberationRepository;
import fr.comitia.register.PublicationRepository;
import fr.comitia.register.TransmissionRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/**
 * Enforceability (CGCT L2131-1; for a syndicat mixte ouvert L5721-4 → L3131-1): the act is
 * enforceable once published and received by the prefect, at the later of the two dates. The
 * extract is then signed again with the mention of both, the version sent to the partners.
 */
@Service
public class EnforceabilityService {

  private final PublicationRepository publications;
  private final TransmissionRepository transmissions;
  private final DeliberationRepository deliberations;
  private final SignedExtracts signedExtracts;
  private final Clock clock;

  EnforceabilityService(PublicationRepository publications, TransmissionRepository transmissions,
      DeliberationRepository deliberations, SignedExtracts signedExtracts, Clock clock) {
    this.publications = publications;
    this.transmissions = transmissions;
    this.deliberations = deliberations;
    this.signedExtracts = signedExtracts;
    this.clock = clock;
  }

  /** Records the date the act became enforceable and signs its enforceable extract; returns that date. */
  public OffsetDateTime declare(String deliberationId) {
    OffsetDateTime published = publications.find(deliberationId).orElseThrow(() ->
        new IllegalStateException("Deliberation " + deliberationId + " is not published")).publishedAt();
    OffsetDateTime received = transmissions.latest(deliberationId)
        .filter(t -> t.status().equals("ACKNOWLEDGED")).orElseThrow(() ->
            new IllegalStateException("Deliberation " + deliberationId + " has no ARActe")).acknowledgedAt();
    OffsetDateTime at = enforceableAt(published, received);
    deliberations.enforceable(deliberationId, at, OffsetDateTime.now(clock));
    signedExtracts.sealEnforceable(deliberationId);
    return deliberations.find(deliberationId).orElseThrow().enforceableAt();
  }

  /** The later of the publication and the ARActe. */
  static OffsetDateTime enforceableAt(OffsetDateTime published, OffsetDateTime received) {
    return received.isAfter(published) ? received : published;
  }
}
