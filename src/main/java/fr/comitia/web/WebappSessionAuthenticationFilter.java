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
 * A read ({@code GET}, {@code HEAD}) of {@code /api/**} without credentials may come from a user
 * logged in to Camunda's webapps in this browser (Tasklist's session): that is how Tasklist's forms
 * read the organisation and open the PDFs. Writes always need HTTP Basic, so that no other site can
 * make a logged-in browser change anything. A user removed from the organisation or locked out is
 * not taken from the session.
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
    if (context.getAuthentication() == null && isApiRead(request)
        && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      String userId = webappUser(request);
      if (userId != null) {
        context.setAuthentication(provider.authenticated(userId));
      }
    }
    chain.doFilter(request, response);
  }

  private static boolean isApiRead(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) && path.startsWith("/api/");
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
