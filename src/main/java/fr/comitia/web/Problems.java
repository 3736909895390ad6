package fr.comitia.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Comitia's refusals as RFC 9457 problem details ({@code application/problem+json}), in French:
 * {@code type} (about:blank: the status says it), {@code title} (the status in French), {@code status},
 * {@code detail} (what was refused and why), {@code instance} (the path asked), and two members kept for
 * the callers written before: {@code message} (= detail) and, for a broken rule, {@code faults} (every
 * fault, one French sentence each).
 */
final class Problems {

  static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

  private Problems() {}

  static ProblemDetail of(HttpStatusCode status, String detail, List<String> faults, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title(status.value()));
    if (request != null) {
      problem.setInstance(URI.create(request.getRequestURI()));
    }
    problem.setProperty("message", detail);
    if (faults != null && !faults.isEmpty()) {
      problem.setProperty("faults", faults);
    }
    return problem;
  }

  static ResponseEntity<ProblemDetail> response(HttpStatusCode status, String detail, List<String> faults,
      HttpServletRequest request) {
    return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(of(status, detail, faults, request));
  }

  /** For the filters and entry points that answer before Spring MVC. */
  static void write(HttpServletResponse response, HttpServletRequest request, HttpStatusCode status, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(PROBLEM_JSON.toString());
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(of(status, detail, null, request)));
  }

  /**
   * What a refusal Spring answers itself (no handler, wrong method, format or size) says, in French;
   * the same sentence on the API's problem and on the error page.
   */
  static String detail(int status) {
    return switch (status) {
      case 400 -> "Requête invalide.";
      case 401 -> JsonAuthenticationEntryPoint.MESSAGE;
      case 403 -> "Accès refusé.";
      case 404 -> "Page ou ressource introuvable.";
      case 405 -> "Méthode HTTP non acceptée sur cette adresse.";
      case 406 -> "Format de réponse non disponible pour cette adresse.";
      case 413 -> "Contenu trop volumineux : la requête dépasse la taille admise.";
      case 415 -> "Type de contenu non accepté : envoyez du JSON (Content-Type: application/json), ou pour une "
          + "annexe un envoi multipart/form-data.";
      default -> status >= 500
          ? "Une erreur inattendue est survenue ; elle est consignée dans le journal du serveur. Réessayez plus "
              + "tard ou prévenez l'administrateur de Comitia."
          : "Requête refusée.";
    };
  }

  /** The status in French, as RFC 9457 allows for {@code about:blank}. */
  static String title(int status) {
    return switch (status) {
      case 400 -> "Requête refusée";
      case 401 -> "Authentification requise";
      case 403 -> "Accès refusé";
      case 404 -> "Ressource introuvable";
      case 405 -> "Méthode non acceptée";
      case 406 -> "Format de réponse non disponible";
      case 409 -> "Conflit avec l'état du registre";
      case 413 -> "Contenu trop volumineux";
      case 415 -> "Type de contenu non accepté";
      case 429 -> "Trop de tentatives";
      case 503 -> "Service momentanément indisponible";
      default -> status >= 500 ? "Erreur du serveur" : "Requête refusée";
    };
  }
}
