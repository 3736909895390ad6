package fr.comitia.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.ComitiaTest;
import fr.comitia.support.Workflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The evidence journal of the replayed 2022-14 (the demonstration's first start): every proof of the
 * act and of its session, chained and time-stamped; a changed entry is found by the verification,
 * the table refuses changes and deletions, an event is recorded once.
 */
@ComitiaTest
@TestPropertySource(properties = "comitia.demo.replay-seed=true")
class EvidenceJournalIT {

  @Autowired Workflow flow;
  @Autowired EvidenceJournal journal;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transactions;

  @Test
  @SuppressWarnings("unchecked")
  void theSeedsActAndSessionHaveTheirProofsChainedAndTimeStamped() {
    String id = deliberationId();
    List<Map<String, Object>> act = flow.as("directeur").getForObject("/api/deliberations/" + id + "/journal",
        List.class);
    assertThat(act).extracting(e -> e.get("kind")).contains("VOTE_RECORDED", "ACT_SIGNED", "ACT_TRANSMITTED",
        "ACT_ACKNOWLEDGED", "ACT_PUBLISHED", "NOTIFICATION_ACKNOWLEDGED", "MAIL_ACCEPTED");
    Map<String, Object> vote = entry(act, "VOTE_RECORDED");
    assertThat((Map<String, Object>) vote.get("facts")).containsEntry("for", 13).containsEntry("against", 0)
        .containsEntry("abstentions", 0).containsEntry("outcome", "ADOPTED");
    assertThat(vote.get("summary")).isEqualTo("Vote sur « " + id + " » : 13 pour, 0 contre, 0 abstention(s) — adopté.");
    assertThat((Map<String, Object>) entry(act, "ACT_ACKNOWLEDGED").get("facts"))
        .containsEntry("actesId", "059-200041036-20220616-2022_14-DE");
    assertThat((Map<String, Object>) entry(act, "ACT_SIGNED").get("facts"))
        .containsEntry("signatureLevel", "PAdES-BASELINE-LT").containsEntry("number", "2022-14");
    assertThat(entry(act, "NOTIFICATION_ACKNOWLEDGED").get("summary").toString())
        .isEqualTo("Réception de la notification de « " + id + " » accusée par Conseil régional des Hauts-de-France — "
            + "coordonnateur du groupement de commandes ENT (lien d'accusé de réception (démonstration)).");

    String sessionId = (String) ((Map<String, Object>) flow.get("directeur", "/api/deliberations/" + id)
        .get("session")).get("id");
    List<Map<String, Object>> session = flow.as("secretariat").getForObject("/api/sessions/" + sessionId + "/journal",
        List.class);
    Map<String, Object> signed = entry(session, "CONVOCATION_SIGNED");
    assertThat((Map<String, Object>) signed.get("facts")).containsEntry("signedOn", "2022-06-10")
        .containsEntry("sessionDay", "2022-06-16").containsEntry("clearDays", 5).containsEntry("requiredClearDays", 5);
    List<Map<String, Object>> convocations = session.stream().filter(e -> e.get("kind").equals("MAIL_ACCEPTED"))
        .toList();
    assertThat(convocations).hasSize(22).allSatisfy(e -> {
      Map<String, Object> facts = (Map<String, Object>) e.get("facts");
      assertThat((String) facts.get("smtpReply")).startsWith("250");
      assertThat((String) facts.get("messageId")).startsWith("<convocation-" + sessionId + "-1-");
      assertThat((List<Map<String, Object>>) facts.get("attachments")).extracting(a -> a.get("sha256"))
          .allSatisfy(h -> assertThat((String) h).hasSize(64));
    });
    assertThat(entry(session, "ROLL_CALL_RECORDED")).isNotNull();
    // Each entry stamped, at the time of the demonstration's clock (2022), by the local authority.
    assertThat(session).allSatisfy(e -> assertThat(e).containsEntry("stamped", true));
    assertThat((String) signed.get("tokenTime")).startsWith("2022-06-10");

    Map<String, Object> check = flow.get("secretariat", "/api/journal/verification");
    assertThat(check).containsEntry("chainIntact", true).containsEntry("unstamped", 0)
        .containsEntry("problems", List.of());
    assertThat((Integer) check.get("stamped")).isEqualTo(check.get("entries")).isGreaterThan(30);
    assertThat(flow.as("secretariat").getForObject("/api/registre/journal", String.class))
        .contains("Journal intègre : " + check.get("entries") + " entrée(s), chaîne d&#39;empreintes intacte");
    assertThat(flow.as("directeur").getForObject("/api/registre/deliberations/" + id, String.class))
        .contains("Journal des preuves").contains("Acte transmis à la préfecture");
  }

  @Test
  void aMemberReadsNoJournal() {
    assertThat(flow.as("lmonnet").getForEntity("/api/journal/verification", String.class).getStatusCode().value())
        .isEqualTo(403);
    assertThat(flow.as("lmonnet").getForEntity("/api/journal", String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(flow.as("directeur").getForEntity("/api/journal?nombre=0", Map.class).getBody())
        .containsEntry("message", "« depuis » est un numéro d'entrée (1 ou plus) et « nombre » va de 1 à 1000.");
  }

  @Test
  void anEntryChangedBehindComitiasBackIsFoundAndNamed() {
    long seq = jdbc.queryForObject("select min(seq) from comitia.evidence_entry where kind = 'VOTE_RECORDED'",
        Long.class);
    String summary = jdbc.queryForObject("select summary from comitia.evidence_entry where seq = ?", String.class, seq);
    // Someone with the database's superuser rights rewrites the vote, its trigger switched off.
    bypassingTriggers("update comitia.evidence_entry set summary = replace(summary, '13 pour', '12 pour') where seq = "
        + seq);
    try {
      EvidenceJournal.Verification check = journal.verify();
      assertThat(check.valid()).isFalse();
      assertThat(check.chainIntact()).isFalse();
      assertThat(check.problems()).containsExactly("Entrée " + seq + " : son contenu a changé depuis son "
          + "enregistrement (empreinte recalculée différente).");
      assertThat(flow.as("secretariat").getForObject("/api/registre/journal", String.class))
          .contains("Journal altéré : 1 anomalie(s)").contains("Entrée " + seq + " : son contenu a changé");
    } finally {
      bypassingTriggers("update comitia.evidence_entry set summary = '" + summary.replace("'", "''") + "' where seq = "
          + seq);
    }
    assertThat(journal.verify().valid()).isTrue();
  }

  @Test
  void theTableRefusesAnyChangeButTheTokenAndAnyDeletion() {
    assertThatThrownBy(() -> jdbc.update("update comitia.evidence_entry set summary = 'autre' where seq = 1"))
        .hasMessageContaining("L'entrée 1 du journal des preuves ne change plus");
    assertThatThrownBy(() -> jdbc.update("delete from comitia.evidence_entry where seq = 1"))
        .hasMessageContaining("L'entrée 1 du journal des preuves ne peut pas être supprimée.");
  }

  @Test
  void anEventIsRecordedOnce() {
    assertThat(journal.record(EvidenceKind.PROXY_DECLARED, "test-once-1", null, null, "Essai.", Map.of("n", 1)))
        .isTrue();
    assertThat(journal.record(EvidenceKind.PROXY_DECLARED, "test-once-1", null, null, "Essai.", Map.of("n", 1)))
        .isFalse();
    assertThat(journal.byKey("test-once-1")).hasValueSatisfying(e -> assertThat(e.stamped()).isTrue());
    assertThat(journal.verify().valid()).isTrue();
  }

  private void bypassingTriggers(String sql) {
    transactions.executeWithoutResult(tx -> {
      jdbc.execute("set local session_replication_role = replica");
      jdbc.update(sql);
    });
  }

  @SuppressWarnings("unchecked")
  private String deliberationId() {
    List<Object> register = flow.as("directeur").getForObject("/api/deliberations", List.class);
    return (String) ((Map<String, Object>) register.get(0)).get("id");
  }

  private static Map<String, Object> entry(List<Map<String, Object>> entries, String kind) {
    return entries.stream().filter(e -> kind.equals(e.get("kind"))).findFirst().orElseThrow(() ->
        new AssertionError("no " + kind + " in " + entries.stream().map(e -> e.get("kind")).toList()));
  }
}
