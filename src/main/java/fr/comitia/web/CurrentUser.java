package fr.comitia.web;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** Who is calling the API (set by {@link EngineAuthenticationFilter} from Spring Security's authentication). */
@Component
class CurrentUser {

  private final IdentityService identityService;

  CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  String id() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  boolean inGroup(String groupId) {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication != null && authentication.getGroupIds() != null
        && authentication.getGroupIds().contains(groupId);
  }

  void requireGroup(String groupId, String what) {
    if (!inGroup(groupId)) {
      throw ApiException.forbidden("Accès refusé : " + what + " est réservé au groupe « " + groupId + " ».");
    }
  }
}
