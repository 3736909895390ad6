package fr.comitia.session;

import fr.comitia.platform.FrenchWords;
import fr.comitia.platform.PublicUrl;
import fr.comitia.register.SessionRepository;
import fr.comitia.register.AttendanceEntry;
import fr.comitia.register.AttendanceStatus;

import fr.comitia.platform.RuleViolation;
import fr.comitia.mail.MailOutbox;
import fr.comitia.mail.MailTemplates;
import fr.comitia.mail.OutgoingMail;
import fr.comitia.platform.LinkSigner;
import fr.comitia.roster.BodyDirectory.Seat;
import fr.comitia.roster.Organisation.Body;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A member's absence and proxy, declared before the session through the personal link of the
 * convocation (no login: a signed token bound to the member, the session and the sitting, expiring
 * at the session's opening). Revocable until the roll call; pre-filled in the roll call.
 */
@Service
public class ProxyService {

  static final String LINK_PURPOSE = "proxy";

  private final SessionRepository sessions;
  private final SessionService sessionService;
  private final QuorumService quorum;
  private final LinkSigner signer;
  private final JdbcClient jdbc;
  private final MailOutbox outbox;
  private final MailTemplates templates;
  private final Clock clock;
  private final PublicUrl publicUrl;
  private final SubstituteNotices substitutes;

  private final SessionEvidence evidence;

  ProxyService(SessionRepository sessions, SessionService sessionService, QuorumService quorum, LinkSigner signer,
      JdbcClient jdbc, MailOutbox outbox, MailTemplates templates, Clock clock,
      PublicUrl publicUrl, SubstituteNotices substitutes, SessionEvidence evidence) {
    this.evidence = evidence;
    this.substitutes = substitutes;
    this.sessions = sessions;
    this.sessionService = sessionService;
    this.quorum = quorum;
    this.signer = signer;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.templates = templates;
    this.clock = clock;
    this.publicUrl = publicUrl;
  }

  /** Who the link is for. */
  public record Grant(String sessionId, int sitting, String memberId) {}

  public record Declaration(long id, String memberId, String status, String proxyHolderId, OffsetDateTime declaredAt) {}

  /** What the proxy page shows. */
  public record ProxyPage(Grant grant, String memberName, String bodyName, String when, String place,
      Declaration current, Map<String, String> eligibleHolders, int maxProxies, boolean feminine) {

    /** « Un membre peut détenir au plus 2 pouvoirs pour cette séance. » */
    public String maxProxiesSentence() {
      return "Un membre peut détenir au plus " + FrenchWords.count(maxProxies, "pouvoir")
          + " pour cette séance.";
    }

    /** « absente », « excusé »… as the member's civility agrees. */
    public String agree(String masculine, String feminineWord) {
      return FrenchWords.agree(feminine, masculine, feminineWord);
    }
  }

  public String link(String sessionId, int sitting, String memberId, OffsetDateTime sessionDate) {
    // Valid until the roll call is recorded (checked at each use); the signature expires half a day
    // after the opening in any case.
    return publicUrl.of("/procuration/" + signer.sign(LINK_PURPOSE, sessionId + ":" + sitting + ":" + memberId,
        sessionDate.toInstant().plus(java.time.Duration.ofHours(12))));
  }

  /**
   * The grant of a token that is ours, not expired, for the current sitting of a session whose roll
   * call has not been taken yet; empty otherwise.
   */
  public Optional<Grant> grant(String token) {
    return signer.verify(LINK_PURPOSE, token).flatMap(subject -> {
      String[] parts = subject.split(":");
      if (parts.length != 3) {
        return Optional.empty();
      }
      Grant grant = new Grant(parts[0], Integer.parseInt(parts[1]), parts[2]);
      return sessions.find(grant.sessionId())
          .filter(s -> s.sitting() == grant.sitting())
          .filter(s -> s.closedAt() == null)
          .filter(s -> sessions.attendance(s.id(), s.sitting()).isEmpty())
          .map(s -> grant);
    });
  }

  public ProxyPage page(Grant grant) {
    SessionRepository.Row session = sessions.find(grant.sessionId()).orElseThrow();
    Body body = sessionService.body(session);
    Map<String, String> names = names(session);
    int max = quorum.maxProxiesPerHolder(SessionService.sessionDay(session), body.rules());
    Declaration current = active(grant.sessionId(), grant.sitting()).stream()
        .filter(d -> d.memberId().equals(grant.memberId())).findFirst().orElse(null);
    boolean feminine = sessionService.membersInOffice(session).stream()
        .anyMatch(s -> s.id().equals(grant.memberId()) && s.feminine());
    return new ProxyPage(grant, names.get(grant.memberId()), body.name(), SessionService.when(session.sessionDate()),
        session.place(), current, eligibleHolders(grant, names, max, current), max, feminine);
  }

  /**
   * Members who can still receive this member's proxy: not absent themselves, not at the maximum
   * (the rule of {@link AttendanceRules#eligibleHolders}, with every member who declared nothing
   * taken as present).
   */
  private Map<String, String> eligibleHolders(Grant grant, Map<String, String> names, int max, Declaration current) {
    List<AttendanceEntry> entries = new ArrayList<>();
    List<String> declared = new ArrayList<>();
    for (Declaration d : active(grant.sessionId(), grant.sitting())) {
      declared.add(d.memberId());
      entries.add(new AttendanceEntry(d.memberId(), AttendanceStatus.valueOf(d.status()), d.proxyHolderId()));
    }
    names.keySet().stream().filter(id -> !declared.contains(id))
        .forEach(id -> entries.add(new AttendanceEntry(id, AttendanceStatus.PRESENT, null)));
    Map<String, String> eligible = new LinkedHashMap<>();
    AttendanceRules.eligibleHolders(entries, names, max, grant.memberId()).forEach(id -> eligible.put(id, names.get(id)));
    return eligible;
  }

  /** Declares the member absent or excused, with or without a proxy; replaces an earlier declaration. */
  @Transactional
  public void declare(Grant grant, AttendanceStatus status, String holderId) {
    if (status != AttendanceStatus.ABSENT && status != AttendanceStatus.EXCUSED) {
      throw new RuleViolation("Indiquez si vous serez absent(e) ou excusé(e).");
    }
    SessionRepository.Row session = sessions.findForUpdate(grant.sessionId()).orElseThrow();
    Map<String, String> names = names(session);
    String holder = holderId == null || holderId.isBlank() ? null : holderId;
    List<Declaration> active = active(grant.sessionId(), grant.sitting());
    List<String> givers = active.stream().filter(d -> grant.memberId().equals(d.proxyHolderId()))
        .map(d -> names.get(d.memberId())).toList();
    if (!givers.isEmpty()) {
      throw new RuleViolation("Vous détenez le pouvoir de " + String.join(", ", givers) + " : ce membre doit "
          + "d'abord désigner un autre mandataire avant que vous vous déclariez absent(e).");
    }
    if (holder != null) {
      Body body = sessionService.body(session);
      int max = quorum.maxProxiesPerHolder(SessionService.sessionDay(session), body.rules());
      Declaration current = active.stream().filter(d -> d.memberId().equals(grant.memberId())).findFirst().orElse(null);
      if (!eligibleHolders(grant, names, max, current).containsKey(holder)) {
        throw new RuleViolation("Pouvoir refusé : " + names.getOrDefault(holder, "« " + holder + " »")
            + " ne peut pas recevoir votre pouvoir (absent(e), non membre en exercice ou détenant déjà "
            + max + " pouvoir" + (max > 1 ? "s" : "") + ").");
      }
    }
    Declaration previous = revokeActive(grant);
    long id = jdbc.sql("""
            insert into comitia.proxy_declaration (session_id, sitting, member_id, status, proxy_holder_id, declared_at)
            values (:session, :sitting, :member, :status, :holder, :now) returning id""")
        .param("session", grant.sessionId()).param("sitting", grant.sitting()).param("member", grant.memberId())
        .param("status", status.name()).param("holder", holder).param("now", OffsetDateTime.now(clock))
        .query(Long.class).single();
    evidence.proxy(true, id, grant.sessionId(), grant.sitting(), grant.memberId(), status.name(), holder);
    if (previous != null && previous.proxyHolderId() != null && !previous.proxyHolderId().equals(holder)) {
      tellHolder(session, names, previous, "revoked", previous.id());
    }
    if (holder != null && (previous == null || !holder.equals(previous.proxyHolderId()))) {
      tellHolder(session, names, new Declaration(id, grant.memberId(), status.name(), holder, null), "given", id);
    }
    if (holder == null) {
      // Absent without proxy: under substituteNotice INFORMED, the substitute is called to sit (once per sitting).
      substitutes.titularAbsentWithoutProxy(session, grant.memberId());
    }
  }

  /** Withdraws the declaration: the member is expected again, the proxy holder is told. */
  @Transactional
  public void revoke(Grant grant) {
    SessionRepository.Row session = sessions.findForUpdate(grant.sessionId()).orElseThrow();
    Declaration previous = revokeActive(grant);
    if (previous != null && previous.proxyHolderId() != null) {
      tellHolder(session, names(session), previous, "revoked", previous.id());
    }
  }

  private Declaration revokeActive(Grant grant) {
    Declaration previous = active(grant.sessionId(), grant.sitting()).stream()
        .filter(d -> d.memberId().equals(grant.memberId())).findFirst().orElse(null);
    if (previous != null) {
      jdbc.sql("update comitia.proxy_declaration set revoked_at = :now where id = :id")
          .param("id", previous.id()).param("now", OffsetDateTime.now(clock)).update();
      evidence.proxy(false, previous.id(), grant.sessionId(), grant.sitting(), grant.memberId(), previous.status(),
          previous.proxyHolderId());
    }
    return previous;
  }

  public List<Declaration> active(String sessionId, int sitting) {
    return jdbc.sql("""
            select id, member_id, status, proxy_holder_id, declared_at from comitia.proxy_declaration
             where session_id = :session and sitting = :sitting and revoked_at is null order by declared_at, id""")
        .param("session", sessionId).param("sitting", sitting).query(Declaration.class).list();
  }

  /** The roll call as declared: every member in office, present unless they declared otherwise. */
  public List<Map<String, Object>> prefill(String sessionId) {
    SessionRepository.Row session = sessions.find(sessionId).orElseThrow();
    Map<String, Declaration> declared = new HashMap<>();
    active(sessionId, session.sitting()).forEach(d -> declared.put(d.memberId(), d));
    List<Map<String, Object>> attendance = new ArrayList<>();
    for (Seat seat : sessionService.membersInOffice(session)) {
      Declaration d = declared.get(seat.id());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("memberId", seat.id());
      entry.put("status", d == null ? "PRESENT" : d.status());
      entry.put("proxyHolderId", d == null ? null : d.proxyHolderId());
      attendance.add(entry);
    }
    return attendance;
  }

  private Map<String, String> names(SessionRepository.Row session) {
    Map<String, String> names = new LinkedHashMap<>();
    sessionService.membersInOffice(session).forEach(s -> names.put(s.id(), s.fullName()));
    return names;
  }

  /**
   * Tells the holder: the notice is queued in the declaration's own transaction and sent by its own
   * job (process {@code mailDelivery}), so the page answers at once whatever the SMTP server does,
   * and a failed notice is retried, then shown as an incident.
   */
  private void tellHolder(SessionRepository.Row session, Map<String, String> names, Declaration d, String what,
      long declarationId) {
    List<Seat> seats = sessionService.membersInOffice(session);
    Seat holder = seats.stream().filter(s -> s.id().equals(d.proxyHolderId())).findFirst().orElse(null);
    boolean giverFeminine = seats.stream().anyMatch(s -> s.id().equals(d.memberId()) && s.feminine());
    if (holder == null) {
      return;
    }
    Body body = sessionService.body(session);
    MailTemplates.Body text = templates.render("proxy-" + what, Map.of(
        "holder", holder.fullName(), "giver", names.get(d.memberId()), "body", body.name(),
        "when", SessionService.when(session.sessionDate()), "place", session.place(),
        "giverPronoun", giverFeminine ? "elle" : "il"));
    String subject = ("given".equals(what) ? "Pouvoir reçu de " : "Pouvoir retiré par ") + names.get(d.memberId())
        + " — " + body.name() + " du " + SessionService.when(session.sessionDate());
    outbox.queue(new OutgoingMail(noticeId(declarationId, what), "PROXY", holder.email(),
        holder.id(), subject, text.text(), text.html(), session.id(), null, List.of()));
  }

  /** The notice's delivery id, also its Message-ID's local part: {@code proxy-{declarationId}-{given|revoked}}. */
  static String noticeId(long declarationId, String what) {
    return "proxy-" + declarationId + "-" + what;
  }
}
