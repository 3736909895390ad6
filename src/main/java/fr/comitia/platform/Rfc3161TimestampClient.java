package fr.comitia.platform;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.springframework.util.StringUtils;

/**
 * The client of an RFC 3161 time-stamping service over HTTP (RFC 3161 § 3.4): a POST of the request
 * ({@code application/timestamp-query}, SHA-256 imprint, a nonce, the certificate asked for, the
 * configured policy), HTTP Basic when credentials are configured; the answer is checked against the
 * request (status granted, same imprint, same nonce, same policy) before its token is kept.
 */
public final class Rfc3161TimestampClient implements TimestampAuthority {

  private final URI url;
  private final TimestampProperties properties;
  private final HttpClient http;
  private final SecureRandom random = new SecureRandom();

  public Rfc3161TimestampClient(TimestampProperties properties) {
    this.url = URI.create(properties.url());
    this.properties = properties;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  @Override
  public String name() {
    return "Autorité d'horodatage " + url;
  }

  @Override
  public Token stamp(byte[] sha256) {
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(true);
    if (StringUtils.hasText(properties.policy())) {
      generator.setReqPolicy(new ASN1ObjectIdentifier(properties.policy()));
    }
    TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(64, random));
    try {
      HttpRequest.Builder post = HttpRequest.newBuilder(url).timeout(properties.timeout())
          .header("Content-Type", "application/timestamp-query")
          .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()));
      if (StringUtils.hasText(properties.username())) {
        post.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (properties.username() + ":" + (properties.password() == null ? "" : properties.password()))
                .getBytes(StandardCharsets.UTF_8)));
      }
      HttpResponse<byte[]> answer = http.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new TimestampUnavailableException("L'autorité d'horodatage " + url + " a répondu " + answer.statusCode()
            + ".");
      }
      TimeStampResponse response = new TimeStampResponse(answer.body());
      response.validate(request);
      if (response.getTimeStampToken() == null) {
        throw new TimestampUnavailableException("L'autorité d'horodatage " + url + " a refusé la demande : "
            + response.getStatusString() + ".");
      }
      return TimestampTokens.token(response.getTimeStampToken());
    } catch (IOException e) {
      throw new TimestampUnavailableException("L'autorité d'horodatage " + url + " ne répond pas : " + e.getMessage(),
          e);
    } catch (TSPException e) {
      throw new TimestampUnavailableException("Réponse de l'autorité d'horodatage " + url + " invalide : "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimestampUnavailableException("Horodatage interrompu.", e);
    }
  }
}
