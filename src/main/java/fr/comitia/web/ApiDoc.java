package fr.comitia.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the OpenAPI description says of an operation beyond springdoc's reading of its signature
 * ({@link OpenApiConfiguration} reads these): the refusals it can answer, and a PDF body.
 */
final class ApiDoc {

  private ApiDoc() {}

  /**
   * The 4xx statuses the operation can answer besides 401 (every operation of {@code /api} needs a
   * login), each as a problem detail ({@link Problems}).
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Refuses {
    int[] value();
  }

  /** The 200 answer is a PDF document ({@code application/pdf}, binary). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface Pdf {}
}
