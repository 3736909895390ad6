package fr.comitia.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * HTTP 401 with a Basic challenge and a French problem detail ({@link Problems}), for missing or wrong credentials; no
 * challenge for a script's request ({@code X-Requested-With: XMLHttpRequest}).
 */
class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

  static final String MESSAGE = "Authentification requise : identifiez-vous avec votre identifiant "
      + "et votre mot de passe Comitia.";

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    // A script's request (Tasklist's forms ask /api/forms/… with X-Requested-With) gets no challenge: the
    // browser would open its login prompt over Tasklist.
    if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Comitia\", charset=\"UTF-8\"");
    }
    Problems.write(response, request, HttpStatus.UNAUTHORIZED, MESSAGE);
  }
}
