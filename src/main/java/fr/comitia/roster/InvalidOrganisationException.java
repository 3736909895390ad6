package fr.comitia.roster;

import fr.comitia.platform.StartupRefusedException;

/** The organisation file is wrong: the message names the file, the line or entry, and the fault. */
class InvalidOrganisationException extends StartupRefusedException {

  InvalidOrganisationException(String message) {
    super(message);
  }

  InvalidOrganisationException(String message, Throwable cause) {
    super(message, cause);
  }
}
