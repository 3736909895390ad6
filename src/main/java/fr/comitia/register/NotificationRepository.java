package fr.comitia.register;

import org.springframework.jdbc.core.SimplePropertyRowMapper;
import java.util.Map;
import java.util.Collection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notification of each act to its partners, as the register keeps it (table {@code notification}):
 * to whom, when it was sent, reminders, sends, and the acknowledgement of receipt — the proof that
 * the act was notified.
 */
@Repository
public class NotificationRepository {

  private final JdbcClient jdbc;

  NotificationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Notification(long id, String deliberationId, String partnerId, String name, String email,
      OffsetDateTime notifiedAt, int reminders, OffsetDateTime acknowledgedAt, String acknowledgedBy, int position,
      int sends) {}

  /** One row per partner address of the act; a second call for the same address adds nothing. */
  public void add(String deliberationId, String partnerId, String name, String email, int position) {
    jdbc.sql("""
            insert into comitia.notification (deliberation_id, partner_id, name, email, position)
            values (:delib, :partner, :name, :email, :pos) on conflict (deliberation_id, email) do nothing""")
        .param("delib", deliberationId).param("partner", partnerId).param("name", name)
        .param("email", email).param("pos", position).update();
  }

  public List<Notification> forDeliberation(String deliberationId) {
    return jdbc.sql("select * from comitia.notification where deliberation_id = :id order by position, id")
        .param("id", deliberationId).query(Notification.class).list();
  }

  /** The notifications of each deliberation, in one query. */
  public Map<String, List<Notification>> forDeliberations(Collection<String> ids) {
    return Batch.grouped(ids, jdbc.sql("select * from comitia.notification where deliberation_id in (:ids) "
        + "order by position, id").param("ids", ids), new SimplePropertyRowMapper<>(Notification.class));
  }

  public Optional<Notification> find(long id) {
    return jdbc.sql("select * from comitia.notification where id = :id").param("id", id)
        .query(Notification.class).optional();
  }

  /** Sent (the first date stays); the reminders count again from zero. */
  public void sent(long id, OffsetDateTime at) {
    jdbc.sql("update comitia.notification set notified_at = coalesce(notified_at, :now), reminders = 0 where id = :id")
        .param("id", id).param("now", at).update();
  }

  public void reminded(long id, int reminder) {
    jdbc.sql("update comitia.notification set reminders = :r where id = :id")
        .param("id", id).param("r", reminder).update();
  }

  /** Records the acknowledgement unless there is one already; false then. */
  public boolean acknowledge(long id, OffsetDateTime at, String by) {
    return jdbc.sql("""
            update comitia.notification set acknowledged_at = :now, acknowledged_by = :by
             where id = :id and acknowledged_at is null""")
        .param("id", id).param("now", at).param("by", by).update() > 0;
  }

  /** The next send is a new mail (its own Message-ID), while no receipt is acknowledged. */
  public void nextSend(long id) {
    jdbc.sql("update comitia.notification set sends = sends + 1 where id = :id and acknowledged_at is null")
        .param("id", id).update();
  }
}
