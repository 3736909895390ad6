package fr.comitia.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The description of Comitia's API served at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  @Bean
  OpenAPI comitiaApi() {
    return new OpenAPI()
        .info(new Info().title("API Comitia").version("1")
            .description("Registre des délibérations : dépôt des projets, séances, registre, extraits. "
                + "Les tâches (validation, ordre du jour, convocation, appel, votes, signature) se complètent "
                + "par l'API REST de Camunda : POST /engine-rest/task/{id}/complete."))
        .schemaRequirement("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }
}
