package fr.comitia.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The time-stamping authority ({@code comitia.timestamp.*}).
 *
 * @param url address of an RFC 3161 service (HTTP POST {@code application/timestamp-query}); when
 *     set, every token comes from it
 * @param policy the policy OID asked of the service, blank for its default
 * @param username user of the service's HTTP Basic authentication, blank for none
 * @param password its password
 * @param timeout how long to wait for the service's answer
 * @param local without {@code url}: run the local authority, SIMULATED (demo and tests only)
 * @param localKeystore PKCS#12 file of the local authority's key and certificate, created if missing
 * @param localPassword its password
 */
@ConfigurationProperties("comitia.timestamp")
public record TimestampProperties(String url, String policy, String username, String password, Duration timeout,
    boolean local, String localKeystore, String localPassword) {

  public TimestampProperties {
    timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
  }
}
