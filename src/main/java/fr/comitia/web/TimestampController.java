package fr.comitia.web;

import fr.comitia.platform.LocalTimestampAuthority;
import fr.comitia.platform.TimestampAuthority;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local time-stamping authority, SIMULATED, over HTTP as RFC 3161 § 3.4 says (POST of an
 * {@code application/timestamp-query}, answer {@code application/timestamp-reply}): what the real
 * client {@link fr.comitia.platform.Rfc3161TimestampClient} talks to in the tests, and what any RFC 3161
 * tool ({@code openssl ts}) can ask in the demo. No such page where a real authority is configured.
 */
@Tag(name = "Horodatage")
@RestController
class TimestampController {

  static final MediaType REPLY = MediaType.parseMediaType("application/timestamp-reply");

  private final ObjectProvider<TimestampAuthority> authority;

  TimestampController(ObjectProvider<TimestampAuthority> authority) {
    this.authority = authority;
  }

  @Operation(summary = "Autorité d'horodatage locale SIMULÉE (RFC 3161, démonstration et tests)")
  @PostMapping(path = "/horodatage", consumes = MediaType.ALL_VALUE)
  ResponseEntity<byte[]> stamp(@RequestBody(required = false) byte[] body) {
    if (!(authority.getIfAvailable() instanceof LocalTimestampAuthority local)) {
      throw ApiException.notFound("Pas d'autorité d'horodatage locale ici : Comitia utilise une autorité externe.");
    }
    TimeStampRequest request;
    try {
      request = new TimeStampRequest(body == null ? new byte[0] : body);
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw ApiException.badRequest("Demande d'horodatage illisible : le corps doit être une requête RFC 3161 "
          + "(TimeStampReq en DER, Content-Type: application/timestamp-query).");
    }
    try {
      return ResponseEntity.ok().contentType(REPLY).body(local.respond(request).getEncoded());
    } catch (TSPException | IOException e) {
      throw ApiException.badRequest("Demande d'horodatage refusée : " + e.getMessage());
    }
  }
}
