package fr.comitia.legality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Frictionless' JSON Table Schema validator (npm {@code tableschema}, installed by {@code .ci/run})
 * run on a CSV file with the transcribed SCDL « Délibérations » schema.
 */
final class TableSchemaValidator {

  private TableSchemaValidator() {}

  record Verdict(int exit, String output) {}

  /** Runs validate.js on the CSV bytes with the transcribed schema: its exit code and output. */
  static Verdict validate(byte[] csv, Path tmp) throws Exception {
    Path modules = validatorDirectory().resolve("node_modules");
    Path file = Files.write(tmp.resolve("deliberations-" + System.nanoTime() + ".csv"), csv);
    ProcessBuilder builder = new ProcessBuilder("node", ScdlDeliberationsTest.resource("/scdl/validate.js").toString(),
        ScdlDeliberationsTest.resource("/scdl/deliberations-schema.json").toString(), file.toString()).redirectErrorStream(true);
    builder.environment().put("NODE_PATH", modules.toAbsolutePath().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("validate.js finished").isTrue();
    return new Verdict(process.exitValue(), output);
  }

  /** Where tableschema is installed; fails, saying how to install it, when node or the package is missing. */
  static Path validatorDirectory() throws Exception {
    String install = "install Node.js (Debian: apt-get install nodejs npm) and the validator with"
        + " `npm ci --prefix .ci/tableschema` from the project's directory (as .ci/run does)";
    try {
      Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      node.getInputStream().readAllBytes();
      if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
        fail("`node --version` failed: " + install);
      }
    } catch (IOException e) {
      fail("node (Node.js) is not on the PATH (" + e.getMessage() + "): " + install);
    }
    String configured = System.getProperty("comitia.tableschema.dir", System.getenv("COMITIA_TABLESCHEMA_DIR"));
    Path directory = configured != null && !configured.isBlank()
        ? Path.of(configured)
        : Path.of(System.getProperty("basedir", ".")).resolve(".ci/tableschema");
    Path packageJson = directory.resolve("node_modules/tableschema/package.json");
    if (!Files.isRegularFile(packageJson)) {
      fail("npm package tableschema is not installed in " + directory.toAbsolutePath() + ": " + install);
    }
    String version = new ObjectMapper().readTree(packageJson.toFile()).path("version").asText();
    if (!ScdlDeliberationsTest.TABLESCHEMA_VERSION.equals(version)) {
      fail("npm package tableschema " + version + " in " + directory.toAbsolutePath() + ", not "
          + ScdlDeliberationsTest.TABLESCHEMA_VERSION + ": " + install);
    }
    return directory;
  }
}
