package fr.comitia.register;

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

  public static String format(int year, int seq) {
    return year + "-" + seq;
  }
}
