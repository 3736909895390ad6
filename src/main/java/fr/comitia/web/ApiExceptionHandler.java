package fr.comitia.web;

import fr.comitia.platform.Refusals;
import fr.comitia.platform.RuleViolation;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Refusals as RFC 9457 problem details in French ({@link Problems}), whatever the request accepts (an
 * extract asked as HTML for an unknown id is a 404, not a 500).
 */
@RestControllerAdvice
class ApiExceptionHandler {

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> refused(ApiException e, HttpServletRequest request) {
    return Problems.response(e.status(), e.getMessage(), null, request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    return Problems.response(HttpStatus.BAD_REQUEST, "Requête illisible : le corps doit être un JSON valide "
        + "conforme à la documentation de l'API.", null, request);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    String value = String.valueOf(e.getValue());
    return Problems.response(HttpStatus.BAD_REQUEST, "Paramètre « " + e.getName() + " » invalide : « "
        + (value.length() > 100 ? value.substring(0, 100) + "…" : value) + " ».", null, request);
  }

  /**
   * A broken rule, thrown by a service or by the engine's delegates and listeners (which the engine
   * wraps), a value the register refuses or an act it keeps frozen: the answer {@link Refusals}
   * gives, with each fault. Anything else is not the caller's doing and stays a server error.
   */
  @ExceptionHandler({RuleViolation.class, ProcessEngineException.class, DataAccessException.class})
  ResponseEntity<ProblemDetail> refusal(RuntimeException e, HttpServletRequest request) {
    if (e instanceof AuthorizationException) {
      return Problems.response(HttpStatus.FORBIDDEN, "Accès refusé : vos autorisations Camunda ne permettent pas "
          + "cette opération.", null, request);
    }
    Refusals.Refusal refusal = Refusals.of(e).orElseThrow(() -> e);
    return Problems.response(HttpStatusCode.valueOf(refusal.status()), refusal.message(), refusal.faults(), request);
  }

  /** Spring MVC's own 4xx (method, media type, missing parameter, unknown route…), in French. */
  @ExceptionHandler({org.springframework.web.HttpRequestMethodNotSupportedException.class,
      org.springframework.web.HttpMediaTypeNotSupportedException.class,
      org.springframework.web.HttpMediaTypeNotAcceptableException.class,
      org.springframework.web.bind.MissingServletRequestParameterException.class,
      org.springframework.web.multipart.support.MissingServletRequestPartException.class,
      org.springframework.web.multipart.MaxUploadSizeExceededException.class,
      org.springframework.web.servlet.resource.NoResourceFoundException.class})
  ResponseEntity<ProblemDetail> spring(Exception e, HttpServletRequest request) {
    HttpStatusCode status = e instanceof ErrorResponse r ? r.getStatusCode() : HttpStatus.BAD_REQUEST;
    String message = Problems.detail(status.value());
    // Spring's own headers (Allow on a 405, Accept on a 415) stay.
    return ResponseEntity.status(status).headers(e instanceof ErrorResponse r ? r.getHeaders() : null)
        .contentType(Problems.PROBLEM_JSON).body(Problems.of(status, message, null, request));
  }
}
