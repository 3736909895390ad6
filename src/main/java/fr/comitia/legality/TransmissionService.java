package fr.comitia.legality;

import fr.comitia.legality.PrefectureGateway.State;
import fr.comitia.legality.PrefectureGateway.Status;
import fr.comitia.legality.PrefectureGateway.Submission;
import fr.comitia.register.TransmissionRepository;
import fr.comitia.register.TransmissionRepository.Transmission;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The act's transmission to the prefecture, attempt by attempt. An attempt's row is claimed in its
 * own committed transaction before the act is handed to the gateway, and its result is written in
 * another: a job run twice, or on two nodes, transmits once (only an attempt in flight when a node
 * dies may be handed over twice, once its claim has expired). The polls for the ARActe change
 * nothing at the gateway and may repeat.
 */
@Service
public class TransmissionService {

  private static final Logger LOG = LoggerFactory.getLogger(TransmissionService.class);
  /** Kind, in the register's documents, of the act as stamped by the gateway once acknowledged. */
  public static final String STAMPED_KIND = "STAMPED_ACT";

  private final TransmissionRepository repository;
  private final ActesMessages messages;
  private final PrefectureGateway gateway;
  private final LegalitySettings settings;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final String gatewayName;
  private final fr.comitia.document.DocumentStore documents;

  private final LegalityEvidence evidence;

  TransmissionService(TransmissionRepository repository, ActesMessages messages, PrefectureGateway gateway,
      LegalitySettings settings, PlatformTransactionManager transactions, Clock clock,
      @Value("${comitia.prefecture.gateway:simulated}") String gatewayName, fr.comitia.document.DocumentStore documents,
      LegalityEvidence evidence) {
    this.evidence = evidence;
    this.documents = documents;
    this.repository = repository;
    this.messages = messages;
    this.gateway = gateway;
    this.settings = settings;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.gatewayName = gatewayName;
  }

  /**
   * Transmits attempt {@code attempt} of the act unless it was already handed over; returns where it
   * stands (TRANSMITTED, REFUSED, or ACKNOWLEDGED when an earlier run got that far).
   *
   * @throws GatewayUnavailableException the gateway could not be reached, or another execution is
   *     transmitting this attempt right now: the job is retried later
   */
  public String transmit(String deliberationId, int attempt) {
    OffsetDateTime now = OffsetDateTime.now(clock);
    Transmission row = ownTransaction.execute(tx -> repository.open(deliberationId, attempt, gatewayName, now));
    if (!row.status().equals("PENDING")) {
      return row.status();
    }
    String token = UUID.randomUUID().toString();
    boolean claimed = ownTransaction.execute(tx ->
        repository.claim(row.id(), token, now, now.plus(settings.claimDuration())));
    if (!claimed) {
      Transmission current = repository.find(deliberationId, attempt).orElseThrow();
      if (!current.status().equals("PENDING")) {
        return current.status();
      }
      throw new GatewayUnavailableException("Transmission " + attempt + " of deliberation " + deliberationId
          + " is being handed over by another execution until " + current.claimExpiresAt());
    }
    Submission submission;
    try {
      submission = gateway.submit(messages.of(deliberationId));
    } catch (RuntimeException e) {
      ownTransaction.executeWithoutResult(tx -> repository.release(row.id(), token, shorten(e.getMessage())));
      throw e instanceof GatewayUnavailableException g ? g
          : new GatewayUnavailableException("Transmission of deliberation " + deliberationId + " failed", e);
    }
    OffsetDateTime at = OffsetDateTime.now(clock);
    if (submission.isRefused()) {
      ownTransaction.executeWithoutResult(tx -> repository.refused(row.id(), shorten(submission.refusal()), at));
      LOG.warn("Transmission {} of deliberation {} refused: {}", attempt, deliberationId, submission.refusal());
      return State.REFUSED.name();
    }
    if (!ownTransaction.execute(tx -> repository.transmitted(row.id(), token, submission.transactionId(), at)
        && recorded(() -> evidence.transmitted(deliberationId, attempt, gatewayName, submission.transactionId(), at)))) {
      LOG.warn("Transmission {} of deliberation {} was taken over while in flight (transaction {})", attempt,
          deliberationId, submission.transactionId());
    }
    return repository.find(deliberationId, attempt).orElseThrow().status();
  }

  /** Asks the gateway where a transmitted attempt stands and records an ARActe or a refusal. */
  public String check(String deliberationId, int attempt) {
    Transmission row = repository.find(deliberationId, attempt).orElseThrow(() ->
        new IllegalStateException("No transmission " + attempt + " for deliberation " + deliberationId));
    if (!row.status().equals("TRANSMITTED")) {
      return row.status();
    }
    Status status = gateway.status(row.transactionId());
    if (status.state() == State.ACKNOWLEDGED) {
      boolean acknowledged = repository.acknowledged(row.id(), status.actesId(), status.acknowledgedAt(),
          status.arActe());
      if (acknowledged) {
        evidence.acknowledged(deliberationId, attempt, status.actesId(),
            status.acknowledgedAt() == null ? OffsetDateTime.now(clock) : status.acknowledgedAt(), status.arActe());
      }
      if (acknowledged && status.stampedAct() != null) {
        // The act as the gateway stamped it (« Reçu en préfecture le … »), kept beside the signed one.
        documents.save("DELIBERATION", deliberationId, STAMPED_KIND, "acte-tamponne-" + status.actesId() + ".pdf",
            "application/pdf", status.stampedAct(), null, null);
      }
    } else if (status.state() == State.REFUSED) {
      repository.refused(row.id(), shorten(status.reason()), OffsetDateTime.now(clock));
    }
    return repository.find(deliberationId, attempt).orElseThrow().status();
  }

  /** The act's latest attempt, if any. */
  public java.util.Optional<Transmission> latest(String deliberationId) {
    return repository.latest(deliberationId);
  }

  private static boolean recorded(Runnable proof) {
    proof.run();
    return true;
  }

  private static String shorten(String text) {
    return text == null ? null : text.length() > 2000 ? text.substring(0, 2000) : text;
  }
}
