package fr.comitia.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.TreeSet;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The description of Comitia's API served at /v3/api-docs (Swagger UI at /swagger-ui/index.html):
 * every operation with its summary, its 2xx answer typed (JSON, PDF), and its refusals as problem
 * details ({@link Problems}, schema {@value #PROBLEM}), as {@link ApiDoc} tells.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String PROBLEM = "Probleme";

  @Bean
  OpenAPI comitiaApi() {
    return new OpenAPI()
        .info(new Info().title("API Comitia").version("1")
            .description("Registre des délibérations : dépôt des projets, séances, registre, extraits. "
                + "Les tâches (validation, ordre du jour, convocation, appel, votes, signature) se complètent "
                + "par l'API REST de Camunda : POST /engine-rest/task/{id}/complete. Chaque refus est un « problem "
                + "detail » (RFC 9457, application/problem+json) en français : `detail` (repris dans `message`) dit "
                + "ce qui est refusé et pourquoi, `faults` liste chaque faute d'une règle enfreinte."))
        .servers(List.of(new Server().url("/").description("Ce serveur Comitia")))
        .components(new Components()
            .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("Identifiant et mot de passe d'un compte Comitia (les comptes de Camunda)."))
            .addSchemas(PROBLEM, problemSchema()))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }

  /** The refusals of {@link ApiDoc.Refuses} (and 401 everywhere), the PDF of {@link ApiDoc.Pdf}. */
  @Bean
  OperationCustomizer refusalsAndDocuments() {
    return (operation, handler) -> {
      ApiResponses responses = operation.getResponses();
      TreeSet<Integer> codes = new TreeSet<>(List.of(401));
      ApiDoc.Refuses refuses = handler.getMethodAnnotation(ApiDoc.Refuses.class);
      if (refuses != null) {
        for (int code : refuses.value()) {
          codes.add(code);
        }
      }
      for (int code : codes) {
        responses.addApiResponse(Integer.toString(code), new ApiResponse().description(describe(code))
            .content(new Content().addMediaType(Problems.PROBLEM_JSON.toString(),
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
      }
      if (handler.hasMethodAnnotation(ApiDoc.Pdf.class)) {
        ApiResponse ok = responses.computeIfAbsent("200", c -> new ApiResponse());
        ok.description("Le document PDF/A (affiché dans le navigateur : Content-Disposition inline, avec son nom).")
            .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PDF_VALUE,
                new MediaType().schema(new StringSchema().format("binary"))));
      }
      return operation;
    };
  }

  static String describe(int code) {
    return switch (code) {
      case 400 -> "Requête refusée : un paramètre ou le contenu est invalide, ou une règle est enfreinte (chaque "
          + "faute dans `faults`). Rien n'est enregistré.";
      case 401 -> "Authentification requise : HTTP Basic avec un compte Comitia (ou, pour une lecture, la session "
          + "Tasklist du navigateur).";
      case 403 -> "Accès refusé : le rôle de l'utilisateur ne permet pas cette opération.";
      case 404 -> "Ressource introuvable (identifiant inconnu, ou document pas encore établi).";
      case 409 -> "Refusé : l'acte est figé dans le registre et ne peut plus être modifié.";
      case 413 -> "Contenu trop volumineux.";
      case 415 -> "Type de contenu non accepté.";
      default -> Problems.title(code) + ".";
    };
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("Refus au format RFC 9457 (application/problem+json), en français.")
        .addProperty("type", new StringSchema().format("uri").example("about:blank"))
        .addProperty("title", new StringSchema().example("Ressource introuvable"))
        .addProperty("status", new IntegerSchema().example(404))
        .addProperty("detail", new StringSchema().example("Délibération « D000042 » introuvable."))
        .addProperty("instance", new StringSchema().format("uri-reference").example("/api/deliberations/D000042"))
        .addProperty("message", new StringSchema().description("Le même texte que `detail`, pour les clients écrits "
            + "avant RFC 9457."))
        .addProperty("faults", new ArraySchema().items(new StringSchema())
            .description("Chaque faute d'une règle enfreinte, une phrase chacune."));
  }
}
