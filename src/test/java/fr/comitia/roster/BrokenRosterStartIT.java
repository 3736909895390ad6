package fr.comitia.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fr.comitia.ComitiaApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A faulty organisation file stops the start, with the file, the line, the entry and the fault. */
class BrokenRosterStartIT {

  @Test
  void aBrokenRosterFileStopsTheStart() throws Exception {
    Path file = Path.of("target", "test-data", "broken-organisation.yml");
    Files.createDirectories(file.getParent());
    String text = Files.readString(Path.of("config", "organisation.yml"))
        .replace("anne.vanpeene@elus.example.org", "anne.vanpeene.elus.example.org");
    Files.writeString(file, text);

    Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(ComitiaApplication.class).run(
        "--server.port=0",
        // Its own engine name: closing this context must not unregister the shared test context's engine.
        "--camunda.bpm.process-engine-name=brokenrosterit",
        "--comitia.organisation=file:" + file,
        "--comitia.embedded.postgres.data-directory=target/test-data/broken-roster",
        "--comitia.embedded.smtp.port=0"));

    Throwable cause = failure;
    while (cause != null && !(cause instanceof InvalidOrganisationException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("start refused by the roster check").isNotNull();
    int line = text.substring(0, text.indexOf("{ id: avanpeene")).split("\n", -1).length;
    assertThat(cause.getMessage()).isEqualTo("Organisation invalide — " + file + ", ligne " + line + ", membre « avanpeene » : "
        + "adresse électronique invalide « anne.vanpeene.elus.example.org ».");
  }
}
