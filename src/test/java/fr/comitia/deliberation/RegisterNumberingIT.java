package fr.comitia.deliberation;

import fr.comitia.register.RegisterNumbering;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Register numbers are consecutive and never given twice, even when sessions close at the same time. */
@ComitiaTest
class RegisterNumberingIT {

  @Autowired RegisterNumbering numbering;
  @Autowired TransactionTemplate transactions;

  @Test
  void concurrentSessionsNeverShareANumberAndLeaveNoGap() throws Exception {
    int threads = 8;
    int perThread = 25;
    List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        work.add(() -> {
          for (int i = 0; i < perThread; i++) {
            numbers.add(transactions.execute(tx -> numbering.next("bureau", 2031)));
          }
          return null;
        });
      }
      for (Future<Void> f : pool.invokeAll(work)) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(numbers).hasSize(threads * perThread).doesNotHaveDuplicates();
    assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads * perThread).boxed().toList());
  }

  @Test
  void aNumberTakenInARolledBackTransactionWasNeverGivenAndIsTakenByTheNext() {
    int first = transactions.execute(tx -> numbering.next("bureau", 2032));
    transactions.executeWithoutResult(tx -> {
      numbering.next("bureau", 2032);
      tx.setRollbackOnly();
    });
    int next = transactions.execute(tx -> numbering.next("bureau", 2032));
    assertThat(first).isEqualTo(1);
    assertThat(next).isEqualTo(2);
  }

  @Test
  void theFirstNumberOfAYearComesFromTheRegisterSettings() {
    // config/organisation.yml: the comité syndical's 2022 register resumes at 14 (after 2022-13);
    // a year without setting starts at 1.
    Integer first = transactions.execute(tx -> numbering.next("comitesyndical", 2030));
    assertThat(first).isEqualTo(1);
    assertThat(RegisterNumbering.format(2022, 14)).isEqualTo("2022-14");
  }
}
