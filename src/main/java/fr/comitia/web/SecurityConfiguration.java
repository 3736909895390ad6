package fr.comitia.web;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what, and the security headers of Comitia's responses.
 *
 * <ul>
 *   <li>{@code /camunda/**} (Tasklist, Cockpit, Admin and their API) and {@code /camunda-welcome}
 *       (which Tasklist probes) are left to Camunda's webapps:
 *       their own login, CSRF protection and security headers.
 *   <li>{@code /engine-rest/**}: authenticated by Camunda's {@code ProcessEngineAuthenticationFilter}
 *       (HTTP Basic, see PlatformConfiguration); Spring Security only adds the headers.
 *   <li>Everything else is Comitia's: the personal-link pages ({@code /procuration/**},
 *       {@code /accuse-reception/**}, signed tokens) are open; {@code /api/**}, the OpenAPI description
 *       ({@code /v3/api-docs}, {@code .yaml}, …), Swagger UI ({@code /swagger-ui/**}) and any other
 *       path need HTTP Basic against Camunda's identities, stateless, or, for a read of {@code /api},
 *       the description or Swagger UI, a Camunda webapp session.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /**
   * No script at all; the pages' and the extract's inline styles are allowed (no user text reaches
   * a style: Thymeleaf escapes it); no framing by anyone.
   */
  static final String COMITIA_CSP = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";

  /**
   * Swagger UI ({@code /swagger-ui/**}): its own scripts and styles, served by Comitia; nothing from
   * elsewhere, no framing.
   */
  static final String SWAGGER_UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  /** JSON only: nothing may be loaded or framed. */
  static final String ENGINE_REST_CSP = "default-src 'none'; frame-ancestors 'none'";

  private static RequestMatcher path(String pattern) {
    return PathPatternRequestMatcher.withDefaults().matcher(pattern);
  }

  @Bean
  @Order(1)
  SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
    http.securityMatcher(path("/engine-rest/**"))
        .authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        // No session of its own, and never a new id for the Tasklist session a form's read comes with: a
        // changed id (session fixation protection) left Tasklist's concurrent requests with an id that no
        // longer exists, and Tasklist logged its user out.
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
            .sessionFixation(f -> f.none()))
        .headers(h -> headers(h, new ContentSecurityPolicyHeaderWriter(ENGINE_REST_CSP)));
    return http.build();
  }

  /**
   * Comitia's pages and API. The {@link CamundaAuthenticationProvider} bean is Spring Security's
   * global provider; it is not added to this chain as well, or a wrong password would be checked
   * twice (once by the chain's manager, once by its parent).
   */
  @Bean
  @Order(2)
  SecurityFilterChain comitia(HttpSecurity http, CamundaAuthenticationProvider provider,
      IdentityService identityService) throws Exception {
    JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();
    // Tasklist asks /camunda-welcome whether the welcome app exists: a Basic challenge there would
    // open the browser's login prompt over Tasklist's own login page.
    http.securityMatcher(new NegatedRequestMatcher(new OrRequestMatcher(path("/camunda/**"), path("/camunda-welcome"))))
        .authorizeHttpRequests(a -> a
            .requestMatchers(new OrRequestMatcher(path("/procuration/**"), path("/accuse-reception/**"), path("/registre"),
                path("/elus/**"), path("/horodatage"),
                path("/registre/**"),
                path("/"), path("/error"), path("/favicon.ico"))).permitAll()
            .anyRequest().authenticated())
        .httpBasic(b -> b.realmName("Comitia").authenticationEntryPoint(entryPoint))
        .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
        .csrf(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .addFilterAfter(new WebappSessionAuthenticationFilter(identityService, provider), BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class)
        .headers(h -> headers(h, byPath(path("/swagger-ui/**"), SWAGGER_UI_CSP, COMITIA_CSP)));
    return http.build();
  }

  /** Content-Security-Policy {@code matched} on the paths {@code matcher} takes, {@code otherwise} elsewhere. */
  private static HeaderWriter byPath(RequestMatcher matcher, String matched, String otherwise) {
    HeaderWriter yes = new ContentSecurityPolicyHeaderWriter(matched);
    HeaderWriter no = new ContentSecurityPolicyHeaderWriter(otherwise);
    return (request, response) -> (matcher.matches(request) ? yes : no).writeHeaders(request, response);
  }

  /** nosniff, X-Frame-Options DENY, Referrer-Policy same-origin, CSP; HSTS on HTTPS requests only. */
  private static void headers(HeadersConfigurer<HttpSecurity> headers, HeaderWriter csp) {
    headers.contentTypeOptions(c -> {})
        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
        .addHeaderWriter(csp)
        .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31_536_000));
  }
}
