package fr.comitia.register;

import fr.comitia.platform.StartupLock;
import fr.comitia.roster.Organisation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At every start, after the roster is in line with the organisation file (order 10): each body's
 * register resumes its numbering where the file says, one node at a time.
 */
@Component
class RegisterStartup {

  private static final Logger log = LoggerFactory.getLogger(RegisterStartup.class);

  private final Organisation organisation;
  private final RegisterNumbering numbering;
  private final StartupLock startupLock;

  RegisterStartup(Organisation organisation, RegisterNumbering numbering, StartupLock startupLock) {
    this.organisation = organisation;
    this.numbering = numbering;
    this.startupLock = startupLock;
  }

  @EventListener
  @Order(11)
  void onStarted(ApplicationStartedEvent event) {
    startupLock.exclusively("numérotation du registre",
        () -> numbering.resume(organisation).forEach(change -> log.info("Registre : {}", change)));
  }
}
