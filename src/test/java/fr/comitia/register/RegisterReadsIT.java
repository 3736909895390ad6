package fr.comitia.register;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.support.StatementCounter;
import fr.comitia.support.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The register's read model answers a list in a few queries, whatever the number of acts (one
 * query per table for all of them, a few per session), and a record in as many; the list says of
 * each act exactly what its record says.
 */
@ComitiaTest
class RegisterReadsIT {

  @Autowired Workflow flow;
  @Autowired DeliberationRecords records;
  @Autowired SessionRecords sessions;

  @Test
  void theRegisterListsItsActsInAFewQueriesWhateverTheirNumber() {
    Workflow.clockAt("2031-02-03T09:00:00+01:00");
    List<String> first = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      first.add(flow.approvedDraft("bureau", "Point " + i + " de la séance de mars 2031"));
    }
    String march = flow.sessionWithAgenda("bureau", "2031-03-06T10:00:00+01:00", first);

    StatementCounter.Counted<DeliberationRecord> one = StatementCounter.count(() -> records.find(first.get(0)).orElseThrow());
    StatementCounter.Counted<List<DeliberationRecord>> twelve = StatementCounter.count(() -> records.list(2031, null, "bureau"));
    assertThat(twelve.result()).extracting(DeliberationRecord::id).containsExactlyInAnyOrderElementsOf(first);
    assertThat(one.statements()).isLessThanOrEqualTo(16);
    // One query per table for the twelve acts, and the session's own reads once: as many as for one act.
    assertThat(twelve.statements()).isEqualTo(one.statements());

    // Twelve more acts on another session: the list costs the new session's reads, not twelve records.
    List<String> second = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      second.add(flow.approvedDraft("bureau", "Point " + i + " de la séance d'avril 2031"));
    }
    flow.sessionWithAgenda("bureau", "2031-04-03T10:00:00+02:00", second);
    StatementCounter.Counted<List<DeliberationRecord>> all = StatementCounter.count(() -> records.list(2031, null, "bureau"));
    assertThat(all.result()).hasSize(24);
    assertThat(all.statements() - twelve.statements()).isLessThanOrEqualTo(5);

    // The list says of each act what its record says.
    for (DeliberationRecord listed : all.result()) {
      assertThat(listed).isEqualTo(records.find(listed.id()).orElseThrow());
    }

    // Sessions likewise: the list of the bureau's sessions costs what one session costs.
    StatementCounter.Counted<SessionRecord> session = StatementCounter.count(() -> sessions.find(march).orElseThrow());
    StatementCounter.Counted<List<SessionRecord>> bureau = StatementCounter.count(() -> sessions.list("bureau"));
    assertThat(bureau.result()).hasSizeGreaterThanOrEqualTo(2).contains(session.result());
    assertThat(session.result().agenda()).hasSize(12);
    assertThat(bureau.statements()).isEqualTo(session.statements());
  }
}
