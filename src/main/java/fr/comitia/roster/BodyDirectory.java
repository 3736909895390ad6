package fr.comitia.roster;

import fr.comitia.roster.Organisation.Body;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The bodies and their members in office at a date, as the register knows them. */
@Service
public class BodyDirectory {

  private final Organisation organisation;
  private final JdbcClient jdbc;
  private final Clock clock;

  BodyDirectory(Organisation organisation, JdbcClient jdbc, Clock clock) {
    this.organisation = organisation;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A member sitting in a body, in the order of the attendance table. */
  public record Seat(
      String id, String civility, String firstName, String lastName, String collectivity, String email,
      String role, int position) {

    public String fullName() {
      return civility + " " + firstName + " " + lastName;
    }

    /** Whether the texts about them agree in the feminine. */
    public boolean feminine() {
      return fr.comitia.platform.FrenchWords.feminine(civility);
    }
  }

  public record BodyView(Body body, String organisationName, LocalDate asOf, List<Seat> members) {}

  public List<Body> bodies() {
    return organisation.bodies();
  }

  public Optional<BodyView> body(String bodyId, LocalDate asOf) {
    LocalDate date = asOf == null ? LocalDate.now(clock) : asOf;
    return organisation.body(bodyId).map(body -> new BodyView(body, organisation.name(), date, inOffice(body, date)));
  }

  /** Members in office on {@code date}: seated on or before it and not gone by then. */
  public List<Seat> inOffice(Body body, LocalDate date) {
    return jdbc.sql("""
            select m.id, m.civility, m.first_name, m.last_name, m.collectivity, m.email,
                   case when m.id = b.president_member_id then 'PRESIDENT' else 'MEMBER' end as role,
                   s.position
              from comitia.body_membership s
              join comitia.member m on m.id = s.member_id
              join comitia.body b on b.id = s.body_id
             where s.body_id = :body and s.valid_from <= :date and (s.valid_to is null or s.valid_to > :date)
             order by s.position, m.last_name""")
        .param("body", body.id()).param("date", date)
        .query(Seat.class).list();
  }
}
