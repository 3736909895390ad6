package fr.comitia.register;

import org.springframework.jdbc.core.SimplePropertyRowMapper;
import java.util.Map;
import java.util.Collection;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.register.Draft.Article;
import fr.comitia.register.Draft.PartnerRef;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The deliberations of the register (schema {@code comitia}). */
@Repository
public class DeliberationRepository {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  DeliberationRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public record Row(String id, String bodyId, String object, String rapporteurId, String preamble, String visas,
      String proposal, String articles, String partners, String status, String sessionId, Integer registerYear,
      Integer registerSeq, String number, String processInstanceId, String createdBy, OffsetDateTime createdAt,
      OffsetDateTime updatedAt, String signedBy, OffsetDateTime signedAt, String signerSubject, String note,
      String votedOutcome, String votedSessionId, String votedSha256, String nature, String matiere,
      OffsetDateTime enforceableAt) {}

  public String nextId() {
    return "D" + jdbc.sql("select nextval('comitia.deliberation_seq')").query(Long.class).single();
  }

  public boolean exists(String id) {
    return jdbc.sql("select count(*) from comitia.deliberation where id = :id").param("id", id)
        .query(Integer.class).single() > 0;
  }

  public void insert(String id, Draft draft, String createdBy, String processInstanceId, OffsetDateTime now) {
    jdbc.sql("""
            insert into comitia.deliberation (id, body_id, object, rapporteur_id, preamble, visas, proposal, articles,
                   partners, status, process_instance_id, created_by, created_at, updated_at, note, nature, matiere)
            values (:id, :body, :object, :rapporteur, :preamble, :visas, :proposal, :articles, :partners, :status,
                    :pi, :by, :now, :now, :note, :nature, :matiere)""")
        .param("note", draft.note()).param("nature", draft.nature()).param("matiere", draft.matiere())
        .param("id", id).param("body", draft.bodyId()).param("object", draft.object())
        .param("rapporteur", draft.rapporteurId()).param("preamble", draft.preamble())
        .param("visas", write(draft.visas())).param("proposal", draft.proposal())
        .param("articles", write(draft.articles())).param("partners", write(draft.partners()))
        .param("status", DeliberationStatus.IN_REVIEW.name()).param("pi", processInstanceId)
        .param("by", createdBy).param("now", now).update();
    writeAnnexes(id, draft.annexes());
  }

  public void updateDraft(String id, Draft draft, OffsetDateTime now) {
    jdbc.sql("""
            update comitia.deliberation set object = :object, rapporteur_id = :rapporteur, preamble = :preamble,
                   visas = :visas, proposal = :proposal, articles = :articles, partners = :partners, updated_at = :now,
                   note = :note, nature = :nature, matiere = :matiere
             where id = :id""")
        .param("note", draft.note()).param("nature", draft.nature()).param("matiere", draft.matiere())
        .param("id", id).param("object", draft.object()).param("rapporteur", draft.rapporteurId())
        .param("preamble", draft.preamble()).param("visas", write(draft.visas()))
        .param("proposal", draft.proposal()).param("articles", write(draft.articles()))
        .param("partners", write(draft.partners())).param("now", now).update();
    jdbc.sql("delete from comitia.deliberation_annex where deliberation_id = :id").param("id", id).update();
    writeAnnexes(id, draft.annexes());
  }

  private void writeAnnexes(String id, List<String> annexes) {
    for (int i = 0; i < annexes.size(); i++) {
      jdbc.sql("insert into comitia.deliberation_annex (deliberation_id, position, title) values (:id, :pos, :title)")
          .param("id", id).param("pos", i + 1).param("title", annexes.get(i)).update();
    }
  }

  public void setStatus(String id, DeliberationStatus status, OffsetDateTime now) {
    jdbc.sql("update comitia.deliberation set status = :status, updated_at = :now where id = :id")
        .param("id", id).param("status", status.name()).param("now", now).update();
  }

  public void schedule(String id, String sessionId, OffsetDateTime now) {
    jdbc.sql("update comitia.deliberation set status = :status, session_id = :session, updated_at = :now where id = :id")
        .param("id", id).param("status", DeliberationStatus.SCHEDULED.name()).param("session", sessionId)
        .param("now", now).update();
  }

  public void unschedule(String id, OffsetDateTime now) {
    jdbc.sql("update comitia.deliberation set status = :status, session_id = null, updated_at = :now where id = :id")
        .param("id", id).param("status", DeliberationStatus.AWAITING_SESSION.name()).param("now", now).update();
  }

  public void number(String id, int year, int seq, String number, OffsetDateTime now) {
    jdbc.sql("""
            update comitia.deliberation set register_year = :year, register_seq = :seq, number = :number,
                   status = :status, updated_at = :now where id = :id""")
        .param("id", id).param("year", year).param("seq", seq).param("number", number)
        .param("status", DeliberationStatus.ADOPTED.name()).param("now", now).update();
  }

  public void recordVote(String id, String sessionId, String outcome, String sha256, OffsetDateTime now) {
    jdbc.sql("""
            update comitia.deliberation set voted_outcome = :outcome, voted_session_id = :session, voted_sha256 = :sha,
                   voted_at = :now, updated_at = :now where id = :id""")
        .param("id", id).param("outcome", outcome).param("session", sessionId).param("sha", sha256)
        .param("now", now).update();
  }

  /** The act became enforceable at {@code at} (the later of its publication and its ARActe). */
  public void enforceable(String id, OffsetDateTime at, OffsetDateTime now) {
    jdbc.sql("""
            update comitia.deliberation set enforceable_at = :at, status = :status, updated_at = :now
             where id = :id and enforceable_at is null""")
        .param("id", id).param("at", at).param("status", DeliberationStatus.ENFORCEABLE.name()).param("now", now)
        .update();
  }

  /** The seal's time and certificate subject, once the signed extract is kept. */
  public void sealed(String id, OffsetDateTime signedAt, String signerSubject) {
    jdbc.sql("update comitia.deliberation set signed_at = :at, signer_subject = :subject where id = :id")
        .param("at", signedAt).param("subject", signerSubject).param("id", id).update();
  }

  public void sign(String id, String signedBy, OffsetDateTime signedAt, String signerSubject) {
    jdbc.sql("""
            update comitia.deliberation set signed_by = :by, signed_at = :at, signer_subject = :subject,
                   status = :status, updated_at = :at where id = :id""")
        .param("id", id).param("by", signedBy).param("at", signedAt).param("subject", signerSubject)
        .param("status", DeliberationStatus.SIGNED.name()).update();
  }

  public void review(String id, String reviewerId, boolean approved, String comment, OffsetDateTime now) {
    jdbc.sql("""
            insert into comitia.deliberation_review (deliberation_id, reviewer_id, approved, comment, reviewed_at)
            values (:id, :reviewer, :approved, :comment, :now)""")
        .param("id", id).param("reviewer", reviewerId).param("approved", approved).param("comment", comment)
        .param("now", now).update();
  }

  public record Review(String reviewerId, boolean approved, String comment, OffsetDateTime reviewedAt) {}

  /** The reviews of each deliberation, in one query. */
  public Map<String, List<Review>> reviews(Collection<String> ids) {
    return Batch.grouped(ids, jdbc.sql("""
            select deliberation_id, reviewer_id, approved, comment, reviewed_at from comitia.deliberation_review
             where deliberation_id in (:ids) order by id""")
        .param("ids", ids), new SimplePropertyRowMapper<>(Review.class));
  }

  /** The annex titles of each draft, in one query. */
  public Map<String, List<String>> annexes(Collection<String> ids) {
    return Batch.grouped(ids, jdbc.sql("""
            select deliberation_id, title from comitia.deliberation_annex where deliberation_id in (:ids)
             order by position""").param("ids", ids), (rs, n) -> rs.getString("title"));
  }

  /** The draft of a row, its annex titles already read. */
  public Draft draft(Row row, List<String> annexTitles) {
    return new Draft(row.bodyId(), row.object(), row.rapporteurId(), row.preamble(),
        read(row.visas(), new TypeReference<List<String>>() {}), row.proposal(),
        read(row.articles(), new TypeReference<List<Article>>() {}), annexTitles,
        read(row.partners(), new TypeReference<List<PartnerRef>>() {}), row.note(), row.nature(), row.matiere());
  }

  public List<Review> reviews(String id) {
    return jdbc.sql("""
            select reviewer_id, approved, comment, reviewed_at from comitia.deliberation_review
             where deliberation_id = :id order by id""")
        .param("id", id).query(Review.class).list();
  }

  public Optional<Row> find(String id) {
    return jdbc.sql("select * from comitia.deliberation where id = :id").param("id", id).query(Row.class).optional();
  }

  /** Locks the row until the end of the transaction (numbering, status changes from two sessions). */
  public Optional<Row> findForUpdate(String id) {
    return jdbc.sql("select * from comitia.deliberation where id = :id for update").param("id", id)
        .query(Row.class).optional();
  }

  public List<String> annexes(String id) {
    return jdbc.sql("select title from comitia.deliberation_annex where deliberation_id = :id order by position")
        .param("id", id).query(String.class).list();
  }

  public List<Row> list(Integer year, String status, String bodyId) {
    StringBuilder sql = new StringBuilder("select * from comitia.deliberation where true");
    List<Object> params = new ArrayList<>();
    if (year != null) {
      sql.append(" and coalesce(register_year, extract(year from created_at)::int) = ?");
      params.add(year);
    }
    if (status != null) {
      sql.append(" and status = ?");
      params.add(status);
    }
    if (bodyId != null) {
      sql.append(" and body_id = ?");
      params.add(bodyId);
    }
    sql.append(" order by register_year nulls last, register_seq nulls last, created_at");
    return jdbc.sql(sql.toString()).params(params).query(Row.class).list();
  }

  public Draft draft(Row row) {
    return draft(row, annexes(row.id()));
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
