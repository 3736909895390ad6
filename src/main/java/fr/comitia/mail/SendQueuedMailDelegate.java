package fr.comitia.mail;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task {@code sendQueuedMail} of process {@code mailDelivery}: sends the outbox mail named by the business key. */
@Component("sendQueuedMailDelegate")
class SendQueuedMailDelegate implements JavaDelegate {

  private final MailService mail;

  SendQueuedMailDelegate(MailService mail) {
    this.mail = mail;
  }

  @Override
  public void execute(DelegateExecution execution) {
    mail.sendQueued(execution.getProcessBusinessKey());
  }
}
