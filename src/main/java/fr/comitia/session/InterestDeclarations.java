package fr.comitia.session;

import fr.comitia.platform.RuleViolation;
import fr.comitia.register.SessionRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a member declares from their personal link before the sitting: the items of the agenda in
 * which they have a personal interest (CGCT L2131-11). The declaration pre-fills the vote form; the
 * secretariat records at the vote who did not take part. Owns the table {@code interest_declaration}.
 */
@Service
public class InterestDeclarations {

  private final JdbcClient jdbc;
  private final SessionRepository sessions;
  private final Clock clock;

  InterestDeclarations(JdbcClient jdbc, SessionRepository sessions, Clock clock) {
    this.jdbc = jdbc;
    this.sessions = sessions;
    this.clock = clock;
  }

  /** One item of the agenda as the member's page shows it. */
  public record Item(int position, String deliberationId, String object, boolean declared) {}

  /** The agenda of the grant's session, each item with the member's current declaration. */
  public List<Item> items(ProxyService.Grant grant) {
    Set<String> declared = declared(grant.sessionId(), grant.memberId());
    return sessions.agendaItems(grant.sessionId()).stream()
        .map(a -> new Item(a.position(), a.deliberationId(), a.object(), declared.contains(a.deliberationId())))
        .toList();
  }

  /** The member declares an interest in exactly these items of the agenda (the others are withdrawn). */
  @Transactional
  public void declare(ProxyService.Grant grant, List<String> deliberationIds) {
    sessions.findForUpdate(grant.sessionId()).orElseThrow();
    Set<String> agenda = new HashSet<>(sessions.agenda(grant.sessionId()));
    Set<String> wanted = new HashSet<>(deliberationIds == null ? List.of() : deliberationIds);
    for (String id : wanted) {
      if (!agenda.contains(id)) {
        throw new RuleViolation("Déclaration refusée : « " + id + " » n'est pas à l'ordre du jour de cette séance.");
      }
    }
    OffsetDateTime now = OffsetDateTime.now(clock);
    Set<String> current = declared(grant.sessionId(), grant.memberId());
    for (String id : current) {
      if (!wanted.contains(id)) {
        jdbc.sql("""
                update comitia.interest_declaration set revoked_at = :now
                 where session_id = :s and member_id = :m and deliberation_id = :d and revoked_at is null""")
            .param("now", now).param("s", grant.sessionId()).param("m", grant.memberId()).param("d", id).update();
      }
    }
    for (String id : wanted) {
      if (!current.contains(id)) {
        jdbc.sql("""
                insert into comitia.interest_declaration (session_id, member_id, deliberation_id, declared_at)
                values (:s, :m, :d, :now)""")
            .param("s", grant.sessionId()).param("m", grant.memberId()).param("d", id).param("now", now).update();
      }
    }
  }

  /** The members who declared an interest in an item of a session (for the vote form). */
  public List<String> declaredFor(String sessionId, String deliberationId) {
    return jdbc.sql("""
            select distinct member_id from comitia.interest_declaration
             where session_id = :s and deliberation_id = :d and revoked_at is null order by member_id""")
        .param("s", sessionId).param("d", deliberationId).query(String.class).list();
  }

  private Set<String> declared(String sessionId, String memberId) {
    return new HashSet<>(jdbc.sql("""
            select deliberation_id from comitia.interest_declaration
             where session_id = :s and member_id = :m and revoked_at is null""")
        .param("s", sessionId).param("m", memberId).query(String.class).list());
  }
}
