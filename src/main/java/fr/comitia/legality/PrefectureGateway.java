package fr.comitia.legality;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The port to the prefecture's ACTES system through a « tiers de télétransmission ». Two adapters:
 * {@link S2lowGateway} (S²LOW's ACTES HTTP API, profile {@code prod}) and
 * {@link SimulatedPrefectureGateway} (demo profile and tests, named so). Chosen by
 * {@code comitia.prefecture.gateway} ({@code simulated} | {@code s2low}).
 *
 * <p>An adapter throws {@link GatewayUnavailableException} when the gateway cannot be reached or
 * answers in a way that says nothing of the act (the job is retried, then becomes an incident); it
 * answers {@link Submission#refused(String)} or a {@link State#REFUSED} state when the gateway or
 * the prefecture refuses the act (the director then decides in « Traiter l'échec de transmission »).
 */
public interface PrefectureGateway {

  /** Hands the act to the gateway: a new transaction, or a refusal with its reason. */
  Submission submit(ActesMessage message);

  /** Where the transaction stands at the gateway, with the ARActe once received. */
  Status status(String transactionId);

  /**
   * The ACTES message: nature and matière codes, the internal number (ACTES form, e.g. « 2022_14 »),
   * the decision date, the object, the signed act and its annexes, each with its document type.
   */
  record ActesMessage(String natureCode, String matiere, String internalNumber, LocalDate decisionDate,
      String subject, ActesFile act, List<ActesFile> annexes, String siren, String departement) {}

  /** A file of the message: its name, bytes and ACTES document-type code (« 99_DE »…). */
  record ActesFile(String fileName, byte[] content, String typeCode) {}

  /** The gateway's answer to a submission: its transaction id, or its refusal. */
  record Submission(String transactionId, String refusal) {
    public static Submission accepted(String transactionId) {
      return new Submission(transactionId, null);
    }

    public static Submission refused(String reason) {
      return new Submission(null, reason);
    }

    public boolean isRefused() {
      return refusal != null;
    }
  }

  /** Where a transaction stands. */
  enum State {
    /** With the gateway or the prefecture, no acknowledgement yet. */
    TRANSMITTED,
    /** The prefecture acknowledged receipt (ARActe). */
    ACKNOWLEDGED,
    /** Refused by the gateway or the prefecture (with a reason). */
    REFUSED
  }

  /**
   * A transaction's state; once acknowledged, the ACTES id the prefecture gave, the time of the
   * ARActe and its XML, and the act as stamped by the gateway when it gives one.
   */
  record Status(State state, String actesId, OffsetDateTime acknowledgedAt, String reason, byte[] arActe,
      byte[] stampedAct) {
    public static Status transmitted() {
      return new Status(State.TRANSMITTED, null, null, null, null, null);
    }

    public static Status refused(String reason) {
      return new Status(State.REFUSED, null, null, reason, null, null);
    }
  }
}
