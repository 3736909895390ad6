package fr.comitia.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A read ({@code GET}, {@code HEAD}) of {@code /api/**}, of the API's description or of Swagger UI
 * without credentials may come from a user logged in to Camunda's webapps in this browser (Tasklist's
 * session): that is how Tasklist's forms read the organisation and open the PDFs. Writes need HTTP Basic, so that no other site can make a
 * logged-in browser change anything — with one exception, the draft forms' annex files (join,
 * remove: {@code POST}/{@code DELETE /api/deliberations/{id}/annexes…}), accepted from the session
 * only with Camunda's CSRF token in header {@value #CSRF_HEADER} (the token another site cannot read), and
 * the demo clock's buttons, with the page's own signed token.
 * A user removed from the organisation or locked out is not taken from the session.
 */
class WebappSessionAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;
  private final CamundaAuthenticationProvider provider;

  WebappSessionAuthenticationFilter(IdentityService identityService, CamundaAuthenticationProvider provider) {
    this.identityService = identityService;
    this.provider = provider;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SecurityContext context = SecurityContextHolder.getContext();
    if (context.getAuthentication() == null && (isApiRead(request) || isAnnexWrite(request) && csrfTokenMatches(request)
        || isDemoClockWrite(request))
        && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      String userId = webappUser(request);
      if (userId != null) {
        context.setAuthentication(provider.authenticated(userId));
        // The session is Tasklist's: read here, never given a new id (Tasklist's other requests, in flight
        // with the current id, would find no session and Tasklist would log its user out).
        chain.doFilter(new SameSessionId(request), response);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** The Tasklist session as it is: {@code changeSessionId()} keeps the id. */
  static final class SameSessionId extends jakarta.servlet.http.HttpServletRequestWrapper {
    SameSessionId(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String changeSessionId() {
      HttpSession session = getSession(false);
      return session == null ? super.changeSessionId() : session.getId();
    }
  }

  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  /** Where Camunda's webapps keep their CSRF token in the session (CsrfConstants). */
  static final String CSRF_SESSION_ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";
  private static final java.util.regex.Pattern ANNEX_PATH =
      java.util.regex.Pattern.compile("/api/deliberations/[^/]+/annexes(/[0-9]+)?");

  /**
   * The demo clock's buttons ({@code POST /api/demo/horloge}): taken from the session, the
   * controller then requires the page's signed token, bound to the user (which another site cannot read).
   */
  private static boolean isDemoClockWrite(HttpServletRequest request) {
    return "POST".equals(request.getMethod())
        && "/api/demo/horloge".equals(request.getRequestURI().substring(request.getContextPath().length()));
  }

  private static boolean isAnnexWrite(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return ("POST".equals(request.getMethod()) || "DELETE".equals(request.getMethod()))
        && ANNEX_PATH.matcher(path).matches();
  }

  private static boolean csrfTokenMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    String sent = request.getHeader(CSRF_HEADER);
    Object kept = session == null ? null : session.getAttribute(CSRF_SESSION_ATTRIBUTE);
    return sent != null && kept instanceof String token && !token.isEmpty()
        && java.security.MessageDigest.isEqual(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static boolean isApiRead(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) && (path.startsWith("/api/")
        || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui"));
  }

  /** The user logged in to Camunda's webapps in this browser session, if any. */
  private String webappUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || session.getAttribute("authenticatedUser") == null) {
      return null;
    }
    return AuthenticationUtil.getAuthsFromSession(session).getAuthentications().stream()
        .map(Authentication::getIdentityId)
        .filter(id -> id != null && active(id))
        .findFirst().orElse(null);
  }

  /** The user still exists and is not locked out (removed from the organisation, or throttled). */
  private boolean active(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (!(user instanceof UserEntity entity)) {
      return user != null;
    }
    return entity.getLockExpirationTime() == null || entity.getLockExpirationTime().before(ClockUtil.getCurrentTime());
  }
}
