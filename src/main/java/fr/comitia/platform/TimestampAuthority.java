package fr.comitia.platform;

import java.time.Instant;

/**
 * A time-stamping authority (RFC 3161): it signs that a digest existed at a time. The port has two
 * sides: {@link Rfc3161TimestampClient}, the real client of an authority's HTTP service
 * ({@code comitia.timestamp.url}), and {@link LocalTimestampAuthority}, an authority run by Comitia
 * itself for the demo and the tests, SIMULATED (its tokens prove nothing to a third party).
 */
public interface TimestampAuthority {

  /** A time-stamp token (DER, a CMS SignedData over TSTInfo) over a SHA-256 digest. */
  Token stamp(byte[] sha256);

  /** Who stamps, as the register screen says it (« Autorité locale SIMULÉE… », or the service's address). */
  String name();

  /**
   * A token as the authority returned it.
   *
   * @param der the token, DER-encoded
   * @param time the time the authority put in it ({@code genTime})
   * @param serial its serial number, in hexadecimal
   * @param authority the subject of the authority's certificate
   */
  record Token(byte[] der, Instant time, String serial, String authority) {}
}
