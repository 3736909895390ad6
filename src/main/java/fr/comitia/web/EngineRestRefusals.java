package fr.comitia.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * A completion refused by a rule ({@code Variables.refusal}, thrown from a task listener or a
 * delegate) answers HTTP 400 with the French message alone on the engine REST API
 * ({@code /engine-rest/task/{id}/complete}, {@code submit-form}, start forms), as Tasklist shows it.
 * Camunda wraps any exception of a task listener into a ProcessEngineException, which its REST API
 * would answer with 500; every other error keeps Camunda's own answer.
 */
@Component
class EngineRestRefusals implements ResourceConfigCustomizer {

  @Override
  public void customize(ResourceConfig config) {
    config.register(RefusalMapper.class);
  }

  @Priority(Priorities.USER - 100)
  public static class RefusalMapper implements ExceptionMapper<RestException> {

    private final RestExceptionHandler camunda = new RestExceptionHandler();

    @Override
    public Response toResponse(RestException exception) {
      FormFieldValidationException refusal = refusal(exception);
      if (refusal == null) {
        return fr.comitia.platform.DataRefusals.of(exception)
            .map(r -> {
              ExceptionDto dto = new ExceptionDto();
              dto.setType("InvalidRequestException");
              dto.setMessage(r.message());
              dto.setCode(0);
              return Response.status(r.status()).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
            })
            .orElseGet(() -> camunda.toResponse(exception));
      }
      ExceptionDto dto = new ExceptionDto();
      dto.setType(FormFieldValidationException.class.getSimpleName());
      dto.setMessage(refusal.getMessage());
      dto.setCode(0);
      return Response.status(Response.Status.BAD_REQUEST).entity(dto).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    static FormFieldValidationException refusal(Throwable e) {
      for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof FormFieldValidationException f) {
          return f;
        }
      }
      return null;
    }
  }
}
