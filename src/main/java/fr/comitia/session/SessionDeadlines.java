package fr.comitia.session;

import fr.comitia.register.SessionRepository;

import fr.comitia.platform.FrenchDates;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Due dates of the session's tasks in Tasklist ({@code camunda:dueDate="${sessionDeadlines…}"}):
 * the convocation must be signed early enough for the legal delay in clear days, the agenda the day
 * before, the votes and the closing on the session day.
 */
@Component("sessionDeadlines")
public class SessionDeadlines {

  static final LocalTime END_OF_DAY = LocalTime.of(23, 59);

  private final SessionService service;

  SessionDeadlines(SessionService service) {
    this.service = service;
  }

  /** The last day the president may sign the convocation without urgency (session day less the delay, less one). */
  public Date convocationDeadline(DelegateExecution execution) {
    SessionRepository.Row row = row(execution);
    int clearDays = service.body(row).rules().convocationDelayClearDays();
    return endOf(ConvocationRules.lastDayToConvoke(SessionService.sessionDay(row), clearDays));
  }

  /** The agenda is ready the day before the convocation deadline, for the president to read it. */
  public Date agendaDeadline(DelegateExecution execution) {
    return Date.from(convocationDeadline(execution).toInstant().minus(java.time.Duration.ofDays(1)));
  }

  /** The end of the session day (votes, closing). */
  public Date endOfSessionDay(DelegateExecution execution) {
    return endOf(SessionService.sessionDay(row(execution)));
  }

  private SessionRepository.Row row(DelegateExecution execution) {
    String id = execution.getProcessBusinessKey();
    return service.row(id).orElseThrow(() -> new IllegalStateException("Séance « " + id + " » inconnue"));
  }

  private static Date endOf(LocalDate day) {
    return Date.from(day.atTime(END_OF_DAY).atZone(FrenchDates.ZONE).toInstant());
  }
}
