package fr.comitia.roster;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Initial passwords given to accounts when the roster creates them. Set only by the demo profile;
 * elsewhere new accounts get a random password that nobody knows, to be set by an administrator.
 */
@ConfigurationProperties("comitia.identity")
record IdentityProperties(Map<String, String> initialPasswords, String memberInitialPassword) {

  public IdentityProperties {
    initialPasswords = initialPasswords == null ? Map.of() : Map.copyOf(initialPasswords);
  }
}
