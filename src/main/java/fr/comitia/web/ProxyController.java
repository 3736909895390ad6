package fr.comitia.web;

import fr.comitia.register.AttendanceStatus;
import fr.comitia.session.ProxyService;
import fr.comitia.session.ProxyService.Grant;
import fr.comitia.platform.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The member's page behind the personal link of a convocation: declare an absence, give a proxy to
 * a member who can still receive one, or withdraw it, until the roll call. No login: the link's
 * signed token names the member and the session; a wrong or expired link shows nobody's data.
 */
@Controller
@RequestMapping("/procuration/{token}")
class ProxyController {

  private final ProxyService proxies;
  private final fr.comitia.session.InterestDeclarations interests;

  ProxyController(ProxyService proxies, fr.comitia.session.InterestDeclarations interests) {
    this.proxies = proxies;
    this.interests = interests;
  }

  @GetMapping
  String page(@PathVariable String token, Model model) {
    Grant grant = grant(token);
    model.addAttribute("p", proxies.page(grant));
    model.addAttribute("items", interests.items(grant));
    return "web/proxy";
  }

  @PostMapping
  String submit(@PathVariable String token, @RequestParam(defaultValue = "declare") String action,
      @RequestParam(required = false) String status, @RequestParam(required = false) String holderId,
      @RequestParam(name = "interest", required = false) java.util.List<String> interest, Model model,
      jakarta.servlet.http.HttpServletResponse response) {
    Grant grant = grant(token);
    try {
      if ("interests".equals(action)) {
        interests.declare(grant, interest);
        model.addAttribute("message", interest == null || interest.isEmpty()
            ? "Vous ne déclarez d'intérêt personnel à aucune affaire de l'ordre du jour."
            : "Votre déclaration d'intérêt est enregistrée : le secrétariat en tiendra compte au vote.");
      } else if ("revoke".equals(action)) {
        proxies.revoke(grant);
        model.addAttribute("message", "Votre déclaration est retirée : vous êtes "
            + proxies.page(grant).agree("attendu", "attendue") + " à la séance.");
      } else {
        AttendanceStatus parsed;
        try {
          parsed = AttendanceStatus.valueOf(status == null ? "" : status);
        } catch (IllegalArgumentException e) {
          throw new RuleViolation("Indiquez si vous serez absent(e) ou excusé(e).");
        }
        proxies.declare(grant, parsed, holderId);
        model.addAttribute("message", "Votre déclaration est enregistrée.");
      }
    } catch (RuleViolation e) {
      // The page shows the refusal in French; the status says it is one (nothing was recorded).
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", e.getMessage());
      model.addAttribute("p", proxies.page(grant));
      model.addAttribute("items", interests.items(grant));
      return "web/proxy";
    }
    model.addAttribute("p", proxies.page(grant));
    model.addAttribute("items", interests.items(grant));
    return "web/proxy";
  }

  private Grant grant(String token) {
    return proxies.grant(token).orElseThrow(InvalidProxyLink::new);
  }

  static final class InvalidProxyLink extends RuntimeException {}

  @ExceptionHandler(InvalidProxyLink.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String invalid() {
    return "web/invalid-proxy-link";
  }
}
