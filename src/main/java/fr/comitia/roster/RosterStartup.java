package fr.comitia.roster;

import fr.comitia.platform.StartupLock;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At every start, the register and Camunda's identities are brought in line with the file, one node at a time. */
@Component
class RosterStartup {

  private final Organisation organisation;
  private final RegisterRosterSync register;
  private final IdentitySync identities;
  private final StartupLock startupLock;

  RosterStartup(Organisation organisation, RegisterRosterSync register, IdentitySync identities,
      StartupLock startupLock) {
    this.organisation = organisation;
    this.startupLock = startupLock;
    this.register = register;
    this.identities = identities;
  }

  @EventListener
  @Order(10)
  void onStarted(ApplicationStartedEvent event) {
    // Nodes started together take turns; the second finds everything in line and changes nothing.
    startupLock.exclusively("synchronisation de l'organisation", () -> {
      register.sync(organisation);
      identities.sync(organisation);
    });
  }
}
