package fr.comitia.session;

import fr.comitia.deliberation.DeliberationService;
import fr.comitia.mail.OutgoingMail;
import fr.comitia.register.AnnexFileRepository;
import fr.comitia.register.Draft;
import fr.comitia.register.SessionRepository;
import fr.comitia.roster.BodyRules;
import fr.comitia.roster.Organisation.Body;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What every member's convocation to one sitting shares — the agenda with each item's note and
 * rapporteur, the annex files' titles, the convocation's PDF and (when the body attaches them) the
 * drafts and annex files — built once for the round instead of once per member. A round is kept
 * while the register's digest of the session ({@link SessionRepository#convocationDigest}: its row,
 * each draft, its annexes and files) is the one it was built from: a draft revised or a file joined
 * between two members' mails gives the next member a new round, never a stale one. Kept in memory
 * for the last few rounds of this node; the documents themselves are in the register once
 * ({@code DocumentStore.builtOnce}).
 */
@Component
class ConvocationRounds {

  /** The rounds a node keeps: a few sessions convoked at once, each with its attachments. */
  private static final int KEPT = 8;

  private final SessionRepository repository;
  private final DeliberationService deliberations;
  private final SessionService sessions;
  private final SessionDocuments documents;
  private final AnnexFileRepository annexFiles;
  private final Map<String, Round> rounds = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Round> eldest) {
      return size() > KEPT;
    }
  };

  ConvocationRounds(SessionRepository repository, DeliberationService deliberations, SessionService sessions,
      SessionDocuments documents, AnnexFileRepository annexFiles) {
    this.repository = repository;
    this.deliberations = deliberations;
    this.sessions = sessions;
    this.documents = documents;
    this.annexFiles = annexFiles;
  }

  /** One item of the agenda as every member's convocation shows it. */
  record Item(int position, String deliberationId, String object, String note, String rapporteur,
      List<AnnexFileRepository.AnnexFile> annexes) {}

  /**
   * The round of a sitting: its items, the convocation's PDF (first attachment) and, when the body
   * attaches the documents, each draft then its annex files.
   */
  record Round(List<Item> items, List<OutgoingMail.Attachment> attachments) {}

  /** The round of this session as the register holds it now (built at the first member's mail, then reused). */
  Round of(SessionRepository.Row session, Body body) {
    String key = session.id() + "/" + session.sitting() + "/" + repository.convocationDigest(session.id());
    synchronized (rounds) {
      Round kept = rounds.get(key);
      if (kept != null) {
        return kept;
      }
    }
    Round built = build(session, body);
    synchronized (rounds) {
      rounds.putIfAbsent(key, built);
      return rounds.get(key);
    }
  }

  private Round build(SessionRepository.Row session, Body body) {
    boolean attached = body.rules().convocationDocuments() == BodyRules.ConvocationDocuments.ATTACHED;
    List<Item> items = new ArrayList<>();
    List<OutgoingMail.Attachment> attachments = new ArrayList<>(documents.convocation(session.id()));
    int position = 1;
    for (String id : repository.agenda(session.id())) {
      Draft draft = deliberations.draft(id).orElseThrow();
      items.add(new Item(position, id, draft.object(), ConvocationMailer.note(draft),
          draft.rapporteurId() == null ? null : sessions.name(draft.rapporteurId()), annexFiles.list(id)));
      if (attached) {
        attachments.addAll(documents.draft(id, position));
      }
      position++;
    }
    return new Round(List.copyOf(items), List.copyOf(attachments));
  }
}
