package fr.comitia.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What reaches {@code /error} (an error no handler answered, the server container's own): a French page
 * for a browser, a French problem detail for any other caller — never Spring Boot's English
 * « Whitelabel Error Page » nor its JSON. The cause stays in the server's log, not in the answer.
 */
@Hidden
@Controller
class FrenchErrorController implements ErrorController {

  @RequestMapping(value = "/error", produces = "text/html")
  String page(HttpServletRequest request, Model model, jakarta.servlet.http.HttpServletResponse response) {
    HttpStatusCode status = status(request);
    response.setStatus(status.value());
    model.addAttribute("title", Problems.title(status.value()));
    model.addAttribute("message", message(status));
    return "web/error";
  }

  @RequestMapping("/error")
  ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
    HttpStatusCode status = status(request);
    ProblemDetail problem = Problems.of(status, message(status), null, null);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String path) {
      problem.setInstance(java.net.URI.create(path));
    }
    return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
  }

  private static HttpStatusCode status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    return code instanceof Integer value && value >= 400 && value < 600 ? HttpStatusCode.valueOf(value)
        : HttpStatus.INTERNAL_SERVER_ERROR;
  }

  private static String message(HttpStatusCode status) {
    return Problems.detail(status.value());
  }
}
