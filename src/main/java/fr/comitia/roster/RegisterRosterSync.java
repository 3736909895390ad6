package fr.comitia.roster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.roster.Organisation.Body;
import fr.comitia.roster.Organisation.Member;
import fr.comitia.roster.Organisation.Partner;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the organisation into the roster's tables: bodies, members, who sits where since when,
 * partners (the first register number of a year is the register's: {@code register.RegisterNumbering}). Idempotent; a member who leaves a body gets an end date
 * (the register keeps the members in office as of any date).
 */
@Component
class RegisterRosterSync {

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  RegisterRosterSync(JdbcClient jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Transactional
  public List<String> sync(Organisation organisation) {
    List<String> changes = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(clock);
    LocalDate today = now.toLocalDate();

    Set<String> inRoster = new HashSet<>();
    for (Member m : organisation.members()) {
      inRoster.add(m.id());
      String collectivity = organisation.collectivity(m.collectivityId())
          .map(Organisation.Collectivity::name).orElse(null);
      int updated = jdbc.sql("""
              update comitia.member set civility = :civility, first_name = :first, last_name = :last,
                     collectivity = :collectivity, email = :email, active = true, synchronised_at = :now
               where id = :id and (civility, first_name, last_name, coalesce(collectivity, ''), email, active)
                     is distinct from (:civility, :first, :last, coalesce(:collectivity, ''), :email, true)""")
          .param("id", m.id()).param("civility", m.civility()).param("first", m.firstName())
          .param("last", m.lastName()).param("collectivity", collectivity).param("email", m.email())
          .param("now", now).update();
      int inserted = jdbc.sql("""
              insert into comitia.member (id, civility, first_name, last_name, collectivity, email, active, synchronised_at)
              values (:id, :civility, :first, :last, :collectivity, :email, true, :now) on conflict (id) do nothing""")
          .param("id", m.id()).param("civility", m.civility()).param("first", m.firstName())
          .param("last", m.lastName()).param("collectivity", collectivity).param("email", m.email())
          .param("now", now).update();
      if (inserted > 0) {
        changes.add("membre " + m.id() + " inscrit");
      } else if (updated > 0) {
        changes.add("membre " + m.id() + " mis à jour");
      }
    }
    List<String> gone = jdbc.sql("select id from comitia.member where active order by id")
        .query(String.class).list().stream().filter(id -> !inRoster.contains(id)).toList();
    for (String id : gone) {
      jdbc.sql("update comitia.member set active = false, synchronised_at = :now where id = :id")
          .param("id", id).param("now", now).update();
      changes.add("membre " + id + " retiré");
    }

    for (Body body : organisation.bodies()) {
      syncBody(organisation, body, now, today, changes);
    }

    Set<String> partnerIds = new HashSet<>();
    for (Partner p : organisation.partners()) {
      partnerIds.add(p.id());
      int n = jdbc.sql("""
              insert into comitia.partner (id, name, email, active) values (:id, :name, :email, true)
              on conflict (id) do update set name = excluded.name, email = excluded.email, active = true
               where (partner.name, partner.email, partner.active) is distinct from (excluded.name, excluded.email, true)""")
          .param("id", p.id()).param("name", p.name()).param("email", p.email()).update();
      if (n > 0) {
        changes.add("partenaire " + p.id() + " enregistré");
      }
    }
    for (String id : jdbc.sql("select id from comitia.partner where active").query(String.class).list()) {
      if (!partnerIds.contains(id)) {
        jdbc.sql("update comitia.partner set active = false where id = :id").param("id", id).update();
        changes.add("partenaire " + id + " retiré");
      }
    }
    return changes;
  }

  private void syncBody(Organisation organisation, Body body, OffsetDateTime now, LocalDate today,
      List<String> changes) {
    String rules = toJson(body.rules());
    int n = jdbc.sql("""
            insert into comitia.body (id, name, assembly_name, president_title, president_member_id, rules, synchronised_at)
            values (:id, :name, :assembly, :title, :president, :rules, :now)
            on conflict (id) do update set name = excluded.name, assembly_name = excluded.assembly_name,
                   president_title = excluded.president_title, president_member_id = excluded.president_member_id,
                   rules = excluded.rules, synchronised_at = excluded.synchronised_at
             where (body.name, body.assembly_name, body.president_title, body.president_member_id, body.rules)
                   is distinct from (excluded.name, excluded.assembly_name, excluded.president_title,
                                     excluded.president_member_id, excluded.rules)""")
        .param("id", body.id()).param("name", body.name()).param("assembly", body.assemblyName())
        .param("title", body.presidentTitle()).param("president", body.presidentId())
        .param("rules", rules).param("now", now).update();
    if (n > 0) {
      changes.add("assemblée " + body.id() + " enregistrée");
    }

    record Seat(String memberId, int position) {}
    List<Seat> current = jdbc.sql("""
            select member_id, position from comitia.body_membership where body_id = :body and valid_to is null""")
        .param("body", body.id()).query(Seat.class).list();
    for (int i = 0; i < body.memberIds().size(); i++) {
      String memberId = body.memberIds().get(i);
      int position = i + 1;
      Seat seat = current.stream().filter(s -> s.memberId().equals(memberId)).findFirst().orElse(null);
      if (seat == null) {
        // In office since the date the file gives (the member's, else the body's), else today;
        // never before the end of an earlier term in this body.
        LocalDate since = organisation.member(memberId).map(Member::since)
            .or(() -> Optional.ofNullable(body.inOfficeSince())).orElse(today);
        LocalDate lastEnd = jdbc.sql("""
                select max(valid_to) from comitia.body_membership where body_id = :body and member_id = :member""")
            .param("body", body.id()).param("member", memberId).query(LocalDate.class).optional().orElse(null);
        if (lastEnd != null && lastEnd.equals(today)) {
          // Left and came back the same day: the term goes on.
          jdbc.sql("""
                  update comitia.body_membership set valid_to = null, position = :position
                   where body_id = :body and member_id = :member and valid_to = :today""")
              .param("body", body.id()).param("member", memberId).param("position", position)
              .param("today", today).update();
        } else {
          if (lastEnd != null && since.isBefore(lastEnd)) {
            since = lastEnd;
          }
          jdbc.sql("""
                  insert into comitia.body_membership (body_id, member_id, position, valid_from)
                  values (:body, :member, :position, :since)""")
              .param("body", body.id()).param("member", memberId).param("position", position)
              .param("since", since).update();
        }
        changes.add(memberId + " siège à " + body.id());
      } else if (seat.position() != position) {
        jdbc.sql("""
                update comitia.body_membership set position = :position
                 where body_id = :body and member_id = :member and valid_to is null""")
            .param("body", body.id()).param("member", memberId).param("position", position).update();
        changes.add(memberId + " placé en position " + position + " à " + body.id());
      }
    }
    for (Seat seat : current) {
      if (!body.memberIds().contains(seat.memberId())) {
        jdbc.sql("""
                update comitia.body_membership set valid_to = :today
                 where body_id = :body and member_id = :member and valid_to is null""")
            .param("body", body.id()).param("member", seat.memberId()).param("today", today).update();
        changes.add(seat.memberId() + " ne siège plus à " + body.id());
      }
    }

  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
