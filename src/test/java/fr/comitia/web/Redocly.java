package fr.comitia.web;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redocly CLI ({@code @redocly/cli}, pinned in {@code .ci/redocly}, installed by {@code npm ci --prefix
 * .ci/redocly} as .ci/run does): lints an OpenAPI description with its {@code recommended} rules.
 */
final class Redocly {

  private Redocly() {}

  /** The problems of severity « error » redocly finds in the description, one line each. */
  static List<String> errors(String description) throws Exception {
    Path base = Path.of(System.getProperty("basedir", "."));
    Path cli = base.resolve(".ci/redocly/node_modules/@redocly/cli/bin/cli.js");
    if (!Files.isRegularFile(cli)) {
      fail("Redocly CLI is not installed in .ci/redocly: run `npm ci --prefix .ci/redocly` from the project's "
          + "directory (as .ci/run does)");
    }
    Path dir = Files.createDirectories(base.resolve("target/openapi"));
    Path spec = dir.resolve("openapi.json");
    Files.writeString(spec, description, StandardCharsets.UTF_8);
    Path report = dir.resolve("redocly-report.json");
    ProcessBuilder builder = new ProcessBuilder("node", cli.toString(), "lint", "--extends=recommended",
        "--format=json", spec.toString())
        .redirectOutput(report.toFile())
        .redirectError(dir.resolve("redocly-stderr.txt").toFile());
    builder.environment().put("REDOCLY_TELEMETRY", "off");
    builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      fail("node (Node.js) is not on the PATH: " + e.getMessage());
      throw e;
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("redocly lint did not finish within 120 s");
    }
    JsonNode problems = new ObjectMapper().readTree(report.toFile()).path("problems");
    if (problems.isMissingNode()) {
      fail("redocly lint gave no report: " + Files.readString(dir.resolve("redocly-stderr.txt")));
    }
    List<String> errors = new ArrayList<>();
    for (JsonNode problem : problems) {
      if ("error".equals(problem.path("severity").asText())) {
        errors.add(problem.path("ruleId").asText() + ": " + problem.path("message").asText() + " at "
            + problem.path("location").path(0).path("pointer").asText());
      }
    }
    return errors;
  }
}
