package fr.comitia.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The authenticated user and their groups become the engine's current authentication for the
 * request, so that Camunda's authorizations apply to what it does; cleared afterwards, since the
 * engine keeps it per thread.
 */
class EngineAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  EngineAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      chain.doFilter(request, response);
      return;
    }
    List<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    identityService.setAuthentication(authentication.getName(), groups);
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
