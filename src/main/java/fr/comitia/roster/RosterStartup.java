package fr.comitia.roster;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At every start, the register and Camunda's identities are brought in line with the file. */
@Component
class RosterStartup {

  private final Organisation organisation;
  private final RegisterRosterSync register;
  private final IdentitySync identities;

  RosterStartup(Organisation organisation, RegisterRosterSync register, IdentitySync identities) {
    this.organisation = organisation;
    this.register = register;
    this.identities = identities;
  }

  @EventListener
  @Order(10)
  void onStarted(ApplicationStartedEvent event) {
    register.sync(organisation);
    identities.sync(organisation);
  }
}
