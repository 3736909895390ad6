package fr.comitia.web;

import fr.comitia.platform.Refusals;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * A call refused by a rule (a {@code RuleViolation}, thrown from a service, a task listener or a
 * delegate) answers HTTP 400 with the French message alone on the engine REST API
 * ({@code /engine-rest/task/{id}/complete}, {@code submit-form}, starts, message correlations), as
 * Tasklist shows it. Camunda wraps any exception of a listener into a ProcessEngineException, which
 * its REST API would answer with 500. A value the register refuses (too long, forbidden character)
 * is a 400 too, a frozen act a 409: {@link Refusals} tells. Every other error keeps Camunda's
 * own answer.
 */
@Component
class EngineRestRefusals implements ResourceConfigCustomizer {

  @Override
  public void customize(ResourceConfig config) {
    config.register(RefusalMapper.class);
    config.register(EngineRefusalMapper.class);
    config.register(RuleViolationMapper.class);
  }

  /** Refusals wrapped by Camunda's REST resources into a RestException. */
  @Priority(Priorities.USER - 100)
  public static class RefusalMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      return refusal(exception).orElseGet(() -> camunda.toResponse(exception));
    }

    /** The French 400/409 answer when the error is a refusal, empty otherwise. */
    static Optional<Response> refusal(Throwable exception) {
      return Refusals.of(exception).map(r -> answer(r.status(), r.status() == 400 ? "FormFieldValidationException"
          : "InvalidRequestException", r.message()));
    }

    private static Response answer(int status, String type, String message) {
      ExceptionDto dto = new ExceptionDto();
      dto.setType(type);
      dto.setMessage(message);
      dto.setCode(0);
      return Response.status(status).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
  }

  /** A rule broken in a delegate, which the engine lets through as it is (e.g. a start's first step). */
  @Priority(Priorities.USER - 100)
  public static class RuleViolationMapper implements ExceptionMapper<fr.comitia.platform.RuleViolation> {

    @Override
    public Response toResponse(fr.comitia.platform.RuleViolation exception) {
      return RefusalMapper.refusal(exception).orElseThrow();
    }
  }

  /** Refusals that Camunda's REST resources let through unwrapped (e.g. message correlation). */
  @Priority(Priorities.USER - 100)
  public static class EngineRefusalMapper implements ExceptionMapper<ProcessEngineException> {

    private final ProcessEngineExceptionHandler camunda = new ProcessEngineExceptionHandler();

    @Override
    public Response toResponse(ProcessEngineException exception) {
      return RefusalMapper.refusal(exception).orElseGet(() -> camunda.toResponse(exception));
    }
  }
}
