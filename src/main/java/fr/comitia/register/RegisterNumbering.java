package fr.comitia.register;

import fr.comitia.roster.Organisation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Register numbers: per body and year of the session, consecutive, never reused. One atomic
 * statement takes the next number and moves the counter on; the row lock orders two sessions that
 * close at once. A year with no counter starts at 1 (or where {@code firstNumberOfYear} says).
 */
@Component
public class RegisterNumbering {

  private final JdbcClient jdbc;

  RegisterNumbering(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public int next(String bodyId, int year) {
    return jdbc.sql("""
            insert into comitia.register_counter as c (body_id, year, next_number) values (:body, :year, 2)
            on conflict (body_id, year) do update set next_number = c.next_number + 1
            returning next_number - 1""")
        .param("body", bodyId).param("year", year).query(Integer.class).single();
  }

  /**
   * Sets where each year's numbering starts, as the organisation file says ({@code firstNumberOfYear}:
   * a register resumed from paper or another product). Only ever raises a counter: a number already
   * given is never handed out again. Returns what changed, for the start-up report.
   */
  public List<String> resume(Organisation organisation) {
    List<String> changes = new ArrayList<>();
    for (Organisation.Body body : organisation.bodies()) {
      for (Map.Entry<Integer, Integer> first : body.firstNumberOfYear().entrySet()) {
        int set = jdbc.sql("""
                insert into comitia.register_counter (body_id, year, next_number) values (:body, :year, :next)
                on conflict (body_id, year) do update set next_number = excluded.next_number
                 where register_counter.next_number < excluded.next_number""")
            .param("body", body.id()).param("year", first.getKey()).param("next", first.getValue()).update();
        if (set > 0) {
          changes.add("registre " + body.id() + " " + first.getKey() + " : numérotation à partir de "
              + first.getValue());
        }
      }
    }
    return changes;
  }

  public static String format(int year, int seq) {
    return year + "-" + seq;
  }
}
