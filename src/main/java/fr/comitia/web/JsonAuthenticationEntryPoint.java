package fr.comitia.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** HTTP 401 with a Basic challenge and a French JSON message, for missing or wrong credentials. */
class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

  static final String MESSAGE = "Authentification requise : identifiez-vous avec votre identifiant "
      + "et votre mot de passe Comitia.";

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Comitia\", charset=\"UTF-8\"");
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write("{\"status\":401,\"message\":\"" + MESSAGE + "\"}");
  }
}
