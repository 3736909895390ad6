package fr.comitia.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every login attempt — HTTP Basic on {@code /api}, {@code /engine-rest} or anything else, and the
 * webapps' login form ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}) — answered
 * 401 counts as a failure of the client's address; an address over the limit gets HTTP 429 with
 * {@code Retry-After} and a French message for its next attempts, until the limit expires.
 * Requests without credentials (personal links, a logged-in session) are never refused here.
 */
class FailedLoginFilter extends OncePerRequestFilter {

  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

  private final FailedLoginLimiter limiter;

  FailedLoginFilter(FailedLoginLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isLoginAttempt(request)) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    Optional<Duration> wait = limiter.retryAfter(address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
      Problems.write(response, request, HttpStatus.TOO_MANY_REQUESTS, "Trop de tentatives de connexion échouées "
          + "depuis votre adresse : réessayez dans " + seconds + " secondes.");
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      limiter.recordFailure(address);
    }
  }

  static boolean isLoginAttempt(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return true;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "POST".equals(request.getMethod()) && WEBAPP_LOGIN.matcher(path).matches();
  }
}
