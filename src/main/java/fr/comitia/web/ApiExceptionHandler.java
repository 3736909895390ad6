package fr.comitia.web;

import fr.comitia.platform.Refusals;
import fr.comitia.platform.RuleViolation;
import java.util.LinkedHashMap;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals as JSON {@code {"status": 4xx, "message": "…"}}, in French, whatever the request
 * accepts (an extract asked as HTML for an unknown id is a 404, not a 500).
 */
@RestControllerAdvice
class ApiExceptionHandler {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> refused(ApiException e) {
    return body(e.status(), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return body(HttpStatus.BAD_REQUEST, "Requête illisible : le corps doit être un JSON valide conforme à la documentation de l'API.");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
    String value = String.valueOf(e.getValue());
    return body(HttpStatus.BAD_REQUEST, "Paramètre « " + e.getName() + " » invalide : « "
        + (value.length() > 100 ? value.substring(0, 100) + "…" : value) + " ».");
  }

  /**
   * A broken rule, thrown by a service or by the engine's delegates and listeners (which the engine
   * wraps), a value the register refuses or an act it keeps frozen: the answer {@link Refusals}
   * gives, with each fault. Anything else is not the caller's doing and stays a server error.
   */
  @ExceptionHandler({RuleViolation.class, ProcessEngineException.class, DataAccessException.class})
  ResponseEntity<Map<String, Object>> refusal(RuntimeException e) {
    if (e instanceof AuthorizationException) {
      return body(HttpStatus.FORBIDDEN, "Accès refusé : vos autorisations Camunda ne permettent pas cette opération.");
    }
    Refusals.Refusal refusal = Refusals.of(e).orElseThrow(() -> e);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", refusal.status());
    answer.put("message", refusal.message());
    answer.put("faults", refusal.faults());
    return ResponseEntity.status(refusal.status()).contentType(MediaType.APPLICATION_JSON).body(answer);
  }

  /** Spring MVC's own 4xx (method, media type, missing parameter, unknown route…), in French. */
  @ExceptionHandler({org.springframework.web.HttpRequestMethodNotSupportedException.class,
      org.springframework.web.HttpMediaTypeNotSupportedException.class,
      org.springframework.web.HttpMediaTypeNotAcceptableException.class,
      org.springframework.web.bind.MissingServletRequestParameterException.class,
      org.springframework.web.multipart.support.MissingServletRequestPartException.class,
      org.springframework.web.multipart.MaxUploadSizeExceededException.class,
      org.springframework.web.servlet.resource.NoResourceFoundException.class})
  ResponseEntity<Map<String, Object>> spring(Exception e) {
    HttpStatusCode status = e instanceof ErrorResponse r ? r.getStatusCode() : HttpStatus.BAD_REQUEST;
    String message = switch (status.value()) {
      case 404 -> "Ressource introuvable.";
      case 405 -> "Méthode HTTP non acceptée sur cette adresse.";
      case 406 -> "Format de réponse non disponible pour cette adresse.";
      case 413 -> "Contenu trop volumineux : la requête dépasse la taille admise.";
      case 415 -> "Type de contenu non accepté : envoyez du JSON (Content-Type: application/json), ou pour une "
          + "annexe un envoi multipart/form-data.";
      default -> status.is4xxClientError() ? "Requête invalide." : "Erreur du serveur.";
    };
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("status", status.value(), "message", message));
  }

  static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(Map.of("status", status.value(), "message", message));
  }
}
