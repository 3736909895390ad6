package fr.comitia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaApplication;
import java.nio.file.Path;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The default run keeps its data: what one run wrote, the next run finds. */
class RestartIT {

  private static ConfigurableApplicationContext start(Path dataDirectory) {
    return new SpringApplicationBuilder(ComitiaApplication.class).run(
        "--server.port=0",
        // Its own engine name: closing this context must not unregister the shared test context's engine.
        "--camunda.bpm.process-engine-name=restartit",
        "--comitia.embedded.postgres.data-directory=" + dataDirectory,
        "--comitia.embedded.smtp.port=0",
        "--camunda.bpm.job-execution.enabled=false");
  }

  @Test
  void dataSurvivesARestartOfTheDefaultRun() {
    Path data = Path.of("target", "test-data", "restart-" + UUID.randomUUID());

    try (ConfigurableApplicationContext first = start(data)) {
      IdentityService identity = first.getBean(IdentityService.class);
      User director = identity.createUserQuery().userId("directeur").singleResult();
      director.setPassword("changed-by-the-director");
      identity.saveUser(director);
      first.getBean(JdbcClient.class)
          .sql("update comitia.register_counter set next_number = 15 where body_id = 'comitesyndical' and year = 2022")
          .update();
    }

    try (ConfigurableApplicationContext second = start(data)) {
      IdentityService identity = second.getBean(IdentityService.class);
      assertThat(identity.checkPassword("directeur", "changed-by-the-director"))
          .as("the password changed in the first run, not reset by the roster").isTrue();
      assertThat(identity.checkPassword("directeur", "directeur-demo")).isFalse();
      // 22 members of the comité syndical and the 3 substitutes of the Collège ENT delegates.
      assertThat(identity.createUserQuery().memberOfGroup("member").count()).isEqualTo(25);
      assertThat(second.getBean(JdbcClient.class)
          .sql("select next_number from comitia.register_counter where body_id = 'comitesyndical' and year = 2022")
          .query(Integer.class).single())
          .as("a number given is never handed out again after a restart").isEqualTo(15);
    }
  }
}
