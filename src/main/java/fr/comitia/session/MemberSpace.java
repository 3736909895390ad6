package fr.comitia.session;

import fr.comitia.document.DraftDocuments;
import fr.comitia.platform.FrenchWords;
import fr.comitia.platform.FrenchDates;
import fr.comitia.platform.LinkSigner;
import fr.comitia.platform.PublicUrl;
import fr.comitia.register.AnnexFileRepository;
import fr.comitia.register.PublicationRepository;
import fr.comitia.register.SessionRepository;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import fr.comitia.roster.Organisation.Member;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Each member's personal page, behind the personal link of their convocations ({@code /elus/{token}}):
 * their upcoming sessions with the agenda, each item's explanatory note, draft and annex files, their
 * declared absence and proxy (with the link to change it and to declare an interest), their substitute;
 * the acts of their past sessions, as published. The link names the member only; what it opens is
 * checked at each use (a member reads the drafts of the sessions they are convoked to, nothing else).
 */
@Service
public class MemberSpace {

  static final String LINK_PURPOSE = "member-space";
  /** A personal link is valid a year after it was sent (each convocation brings a new one). */
  static final Duration VALIDITY = Duration.ofDays(366);
  private static final Set<String> CONVOKED = Set.of("CONVOKED", "NO_QUORUM", "RECONVOKED", "IN_SESSION", "CLOSED");

  private final LinkSigner signer;
  private final PublicUrl publicUrl;
  private final Organisation organisation;
  private final SessionRepository sessions;
  private final DraftDocuments drafts;
  private final AnnexFileRepository annexes;
  private final PublicationRepository publications;
  private final ProxyService proxies;
  private final Clock clock;

  MemberSpace(LinkSigner signer, PublicUrl publicUrl, Organisation organisation, SessionRepository sessions,
      DraftDocuments drafts, AnnexFileRepository annexes, PublicationRepository publications, ProxyService proxies,
      Clock clock) {
    this.signer = signer;
    this.publicUrl = publicUrl;
    this.organisation = organisation;
    this.sessions = sessions;
    this.drafts = drafts;
    this.annexes = annexes;
    this.publications = publications;
    this.proxies = proxies;
    this.clock = clock;
  }

  /** The member's personal link (absolute), valid a year. */
  public String link(String memberId) {
    return publicUrl.of("/elus/" + signer.sign(LINK_PURPOSE, memberId,
        OffsetDateTime.now(clock).toInstant().plus(VALIDITY)));
  }

  /** A draft on the member's page, from their page's link: {@code …/elus/{token}/projets/{id}.pdf}. */
  public static String draftLink(String memberSpaceLink, String deliberationId) {
    return memberSpaceLink + "/projets/" + deliberationId + ".pdf";
  }

  /** An annex file of a draft on the member's page: {@code …/elus/{token}/projets/{id}/annexes/{annexId}.pdf}. */
  public static String annexLink(String memberSpaceLink, String deliberationId, long annexId) {
    return memberSpaceLink + "/projets/" + deliberationId + "/annexes/" + annexId + ".pdf";
  }

  /** The member a token of ours names, still in the organisation; empty otherwise. */
  public Optional<Member> member(String token) {
    return signer.verify(LINK_PURPOSE, token).flatMap(organisation::member);
  }

  /** One item of an agenda as the member reads it. */
  public record Item(int position, String deliberationId, String object, String rapporteur, List<String> note,
      List<AnnexFileRepository.AnnexFile> annexFiles, String number, String outcome, boolean published) {}

  /** One session of the member's. */
  public record Sitting(String sessionId, String bodyName, String when, String place, String status, boolean upcoming,
      List<Item> items, String declaration, String proxyLink, String substitute, String asSubstituteOf,
      boolean substituteFeminine) {}

  /** The page. */
  public record Page(String memberName, List<Sitting> upcoming, List<Sitting> past, boolean feminine) {

    /** « convoqué », « suppléante »… as the member's civility agrees. */
    public String agree(String masculine, String feminineWord) {
      return FrenchWords.agree(feminine, masculine, feminineWord);
    }
  }

  public Page page(Member member) {
    List<Sitting> upcoming = new ArrayList<>();
    List<Sitting> past = new ArrayList<>();
    for (SessionRepository.Row row : convokedSessions(member.id())) {
      Sitting sitting = sitting(member, row);
      (sitting.upcoming() ? upcoming : past).add(sitting);
    }
    upcoming.sort(Comparator.comparing(Sitting::sessionId));
    return new Page(member.fullName(), upcoming, past, member.feminine());
  }

  /** Whether the member may read that draft: on the agenda of a session they are convoked to. */
  public boolean mayRead(String memberId, String deliberationId) {
    return convokedSessions(memberId).stream().anyMatch(s -> sessions.agenda(s.id()).contains(deliberationId));
  }

  /** The sessions the member is convoked to (or their titular is, for a substitute), newest first. */
  private List<SessionRepository.Row> convokedSessions(String memberId) {
    List<SessionRepository.Row> rows = new ArrayList<>();
    for (Body body : organisation.bodies()) {
      boolean seat = body.memberIds().contains(memberId) || body.titularOf(memberId).isPresent();
      if (!seat) {
        continue;
      }
      sessions.list(body.id()).stream().filter(s -> CONVOKED.contains(s.status())).forEach(rows::add);
    }
    rows.sort(Comparator.comparing(SessionRepository.Row::sessionDate).reversed());
    return rows;
  }

  private Sitting sitting(Member member, SessionRepository.Row row) {
    Body body = organisation.body(row.bodyId()).orElseThrow();
    boolean upcoming = row.closedAt() == null;
    List<Item> items = new ArrayList<>();
    List<String> agenda = sessions.agenda(row.id());
    List<DraftDocuments.ConvocationItem> printed = drafts.items(row.id());
    for (int i = 0; i < agenda.size(); i++) {
      String id = agenda.get(i);
      DraftDocuments.ConvocationItem p = printed.get(i);
      var published = publications.published(id);
      items.add(new Item(p.position(), id, p.object(), p.rapporteur(), p.note(), annexes.list(id),
          published.map(PublicationRepository.PublishedAct::number).orElse(null), null, published.isPresent()));
    }
    String declaration = null;
    String proxyLink = null;
    if (upcoming && sessions.attendance(row.id(), row.sitting()).isEmpty()) {
      declaration = proxies.active(row.id(), row.sitting()).stream()
          .filter(d -> d.memberId().equals(member.id())).findFirst()
          .map(d -> ("ABSENT".equals(d.status()) ? "Absence déclarée" : "Excuse déclarée")
              + (d.proxyHolderId() == null ? ", sans pouvoir" : ", pouvoir donné à " + name(d.proxyHolderId())))
          .orElse("Présence attendue (aucune absence déclarée)");
      proxyLink = proxies.link(row.id(), row.sitting(), member.id(), row.sessionDate());
    }
    Optional<Member> substituteMember = Optional.ofNullable(body.substitutes().get(member.id()))
        .flatMap(organisation::member);
    String substitute = substituteMember.map(Member::fullName).orElse(null);
    String titular = body.titularOf(member.id()).map(this::name).orElse(null);
    return new Sitting(row.id(), body.name(), FrenchDates.dayAndTime(row.sessionDate()), row.place(),
        row.status(), upcoming, items, declaration, proxyLink, substitute, titular,
        substituteMember.map(Member::feminine).orElse(false));
  }

  private String name(String memberId) {
    return organisation.member(memberId).map(Member::fullName).orElse(memberId);
  }
}
