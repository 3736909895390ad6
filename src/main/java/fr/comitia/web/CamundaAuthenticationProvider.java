package fr.comitia.web;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Camunda's identities are Comitia's user store: a password is checked by
 * {@link IdentityService#checkPassword} (which applies Camunda's login throttling and the lock of a
 * person removed from the organisation), and the user's Camunda groups become their authorities.
 */
@Component
class CamundaAuthenticationProvider implements AuthenticationProvider {

  private final IdentityService identityService;

  CamundaAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    Object credentials = authentication.getCredentials();
    if (userId == null || userId.isEmpty() || credentials == null
        || !identityService.checkPassword(userId, credentials.toString())) {
      throw new BadCredentialsException("Identifiant ou mot de passe incorrect.");
    }
    return authenticated(userId);
  }

  /** The user with their Camunda groups as authorities. */
  Authentication authenticated(String userId) {
    return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups(userId));
  }

  private List<GrantedAuthority> groups(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
