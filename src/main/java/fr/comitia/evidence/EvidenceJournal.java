package fr.comitia.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import fr.comitia.platform.TimestampAuthority;
import fr.comitia.platform.TimestampTokens;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends proof events to the journal and checks it. An entry is written in the transaction of what it
 * proves (it exists if and only if that did), chained to the previous entry by the SHA-256 of its
 * content and of the previous hash, and time-stamped once that transaction has committed (a token
 * over its hash); entries left without a token (the authority was down, the node stopped) are
 * stamped before the next one, by the first append after a failure or a start. An event is recorded once: its key is unique, a job run twice adds nothing.
 */
@Service
public class EvidenceJournal {

  private static final Logger log = LoggerFactory.getLogger(EvidenceJournal.class);
  static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
      true);

  /** A journal entry as the API and the register screen show it. */
  public record Entry(long seq, String eventKey, EvidenceKind kind, String label, String deliberationId,
      String sessionId, OffsetDateTime occurredAt, String summary, Map<String, Object> facts, String previousHash,
      String hash, OffsetDateTime tokenTime, String tokenAuthority, boolean stamped) {}

  /**
   * What the verification found.
   *
   * @param entries entries checked
   * @param chainIntact every hash is that of its entry and names the previous one
   * @param stamped entries with a valid token over their hash
   * @param unstamped entries not yet time-stamped
   * @param problems each broken entry, in French (« Entrée 12 : … »)
   */
  public record Verification(int entries, boolean chainIntact, int stamped, int unstamped, List<String> problems) {
    public boolean valid() {
      return problems.isEmpty();
    }

    /** « Journal intègre : 32 entrée(s), chaîne d'empreintes intacte, 32 jeton(s) d'horodatage valide(s). » */
    public String sentence() {
      if (!valid()) {
        return "Journal altéré : " + problems.size() + " anomalie(s) sur " + entries + " entrée(s).";
      }
      return "Journal intègre : " + entries + " entrée(s), chaîne d'empreintes intacte, " + stamped
          + " jeton(s) d'horodatage valide(s)" + (unstamped > 0 ? ", " + unstamped + " en attente d'horodatage" : "")
          + ".";
    }
  }

  private final EvidenceRepository repository;
  private final ObjectProvider<TimestampAuthority> authority;
  private final Clock clock;
  /** Entries may be waiting for their token: at start (another node, an earlier run), after a failure. */
  private volatile boolean sweepNeeded = true;

  EvidenceJournal(EvidenceRepository repository, ObjectProvider<TimestampAuthority> authority, Clock clock) {
    this.repository = repository;
    this.authority = authority;
    this.clock = clock;
  }

  /**
   * Records {@code kind} once for {@code eventKey}, at the engine's time, about a deliberation and/or a
   * session. Call it in the transaction of the event.
   *
   * @return false when the event was already recorded
   */
  public boolean record(EvidenceKind kind, String eventKey, String deliberationId, String sessionId, String summary,
      Map<String, ?> facts) {
    return record(kind, eventKey, deliberationId, sessionId, OffsetDateTime.now(clock), summary, facts);
  }

  /** The same, at a given time (when the event happened, as its own record says). */
  public boolean record(EvidenceKind kind, String eventKey, String deliberationId, String sessionId,
      OffsetDateTime occurredAt, String summary, Map<String, ?> facts) {
    OffsetDateTime at = occurredAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    String factsJson = json(facts);
    java.util.concurrent.atomic.AtomicReference<String> hashes = new java.util.concurrent.atomic.AtomicReference<>();
    Optional<Long> seq = repository.append(previous -> {
      long next = previous.map(EvidenceRepository.Last::seq).orElse(0L) + 1;
      String previousHash = previous.map(EvidenceRepository.Last::hash).orElse(GENESIS);
      String hash = hash(next, eventKey, kind.name(), deliberationId, sessionId, at, summary, factsJson, previousHash);
      hashes.set(hash);
      return new EvidenceRepository.NewEntry(next, eventKey, kind.name(), deliberationId, sessionId, at, summary,
          factsJson, previousHash, hash);
    });
    if (seq.isEmpty()) {
      return false;
    }
    afterCommit(() -> stamp(seq.get(), hashes.get()));
    return true;
  }

  /** The entries of a deliberation (and of the sessions where it was on the agenda), in order. */
  public List<Entry> forDeliberation(String deliberationId) {
    return repository.forDeliberation(deliberationId).stream().map(EvidenceJournal::entry).toList();
  }

  public List<Entry> forSession(String sessionId) {
    return repository.forSession(sessionId).stream().map(EvidenceJournal::entry).toList();
  }

  /** The entries from {@code fromSeq} on, at most {@code limit}. */
  public List<Entry> page(long fromSeq, int limit) {
    return repository.page(fromSeq, limit).stream().map(EvidenceJournal::entry).toList();
  }

  /** The last {@code limit} entries, in order. */
  public List<Entry> latest(int limit) {
    return repository.latest(limit).stream().map(EvidenceJournal::entry).toList();
  }

  /** The entry of an event, if recorded. */
  public Optional<Entry> byKey(String eventKey) {
    return repository.byKey(eventKey).map(EvidenceJournal::entry);
  }

  /** Recomputes the whole chain in order and checks every token against its entry's hash. */
  public Verification verify() {
    List<String> problems = new ArrayList<>();
    int[] counts = new int[3];
    boolean[] intact = {true};
    String[] previous = {GENESIS};
    long[] expected = {1};
    repository.eachInOrder(row -> {
      counts[0]++;
      if (row.seq() != expected[0]) {
        problems.add("Entrée " + row.seq() + " : l'entrée " + expected[0] + " manque (suite interrompue).");
        intact[0] = false;
      }
      expected[0] = row.seq() + 1;
      if (!row.previousHash().equals(previous[0])) {
        problems.add("Entrée " + row.seq() + " : elle ne suit pas l'entrée précédente (empreinte précédente "
            + "différente).");
        intact[0] = false;
      }
      String recomputed = hash(row.seq(), row.eventKey(), row.kind(), row.deliberationId(), row.sessionId(),
          row.occurredAt(), row.summary(), row.facts(), row.previousHash());
      if (!recomputed.equals(row.hash())) {
        problems.add("Entrée " + row.seq() + " : son contenu a changé depuis son enregistrement (empreinte "
            + "recalculée différente).");
        intact[0] = false;
      }
      if (row.token() == null) {
        counts[2]++;
      } else {
        TimestampTokens.Check check = TimestampTokens.check(row.token(), HexFormat.of().parseHex(row.hash()));
        if (check.valid()) {
          counts[1]++;
        } else {
          problems.add("Entrée " + row.seq() + " : " + check.problem());
        }
      }
      previous[0] = row.hash();
    });
    return new Verification(counts[0], intact[0], counts[1], counts[2], List.copyOf(problems));
  }

  /**
   * Stamps the entry just committed; when an earlier stamping failed (or since this node started),
   * first the entries left without a token.
   */
  private void stamp(long seq, String hash) {
    TimestampAuthority tsa = authority.getIfAvailable();
    if (tsa == null) {
      return;
    }
    if (sweepNeeded) {
      sweepNeeded = false;
      stampPending();
    }
    try {
      TimestampAuthority.Token token = tsa.stamp(HexFormat.of().parseHex(hash));
      repository.stamp(seq, token.der(), token.time(), token.authority());
    } catch (RuntimeException e) {
      sweepNeeded = true;
      log.warn("Horodatage de l'entrée {} du journal des preuves impossible pour l'instant : {}", seq, e.getMessage());
    }
  }

  /** Time-stamps every entry without a token, in order; an authority down leaves them for the next time. */
  public int stampPending() {
    TimestampAuthority tsa = authority.getIfAvailable();
    if (tsa == null) {
      return 0;
    }
    int stamped = 0;
    for (EvidenceRepository.Unstamped u : repository.unstamped(200)) {
      try {
        TimestampAuthority.Token token = tsa.stamp(HexFormat.of().parseHex(u.hash()));
        if (repository.stamp(u.seq(), token.der(), token.time(), token.authority())) {
          stamped++;
        }
      } catch (RuntimeException e) {
        sweepNeeded = true;
        log.warn("Horodatage de l'entrée {} du journal des preuves impossible pour l'instant : {}", u.seq(),
            e.getMessage());
        break;
      }
    }
    return stamped;
  }

  static String hash(long seq, String eventKey, String kind, String deliberationId, String sessionId,
      OffsetDateTime occurredAt, String summary, String facts, String previousHash) {
    // A JSON array: each field delimited, none can run into the next.
    List<Object> content = new ArrayList<>();
    content.add(seq);
    content.add(eventKey);
    content.add(kind);
    content.add(deliberationId);
    content.add(sessionId);
    content.add(occurredAt.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString());
    content.add(summary);
    content.add(facts);
    content.add(previousHash);
    try {
      return TimestampTokens.hex(TimestampTokens.sha256(JSON.writeValueAsString(content)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String json(Map<String, ?> facts) {
    try {
      return JSON.writeValueAsString(facts == null ? Map.of() : new TreeMap<>(facts));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Faits de preuve non sérialisables : " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Entry entry(EvidenceRepository.Row row) {
    Map<String, Object> facts;
    try {
      facts = JSON.readValue(row.facts(), Map.class);
    } catch (JsonProcessingException e) {
      facts = Map.of("illisible", row.facts());
    }
    EvidenceKind kind = EvidenceKind.valueOf(row.kind());
    return new Entry(row.seq(), row.eventKey(), kind, kind.label(), row.deliberationId(), row.sessionId(),
        row.occurredAt(), row.summary(), facts, row.previousHash(), row.hash(), row.tokenTime(), row.tokenAuthority(),
        row.token() != null);
  }

  private static void afterCommit(Runnable action) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          try {
            action.run();
          } catch (RuntimeException e) {
            log.warn("Horodatage du journal des preuves reporté : {}", e.getMessage());
          }
        }
      });
    } else {
      action.run();
    }
  }
}
