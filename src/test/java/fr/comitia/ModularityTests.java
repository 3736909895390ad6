package fr.comitia;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Comitia's packages are Spring Modulith modules: no cycle between them, no reach into another
 * module's internals. The module documentation (PlantUML component diagrams and canvases) is
 * written to {@code docs/modules/}, its relations in a stable order so that an unchanged structure
 * leaves the files unchanged.
 */
class ModularityTests {

  static final ApplicationModules MODULES = ApplicationModules.of(ComitiaApplication.class);
  static final Path DOCS = Path.of("docs", "modules");

  @Test
  void modulesHaveNoCycleAndUseOnlyEachOthersApi() {
    MODULES.verify();
  }

  @Test
  void writesTheModuleDocumentation() throws IOException {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    try (Stream<Path> files = Files.list(DOCS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
        Files.write(file, sortedRelations(Files.readAllLines(file)));
      }
    }
  }

  /** The lines as written, each run of « Rel(…) » lines sorted. */
  static List<String> sortedRelations(List<String> lines) {
    List<String> out = new ArrayList<>();
    List<String> run = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("Rel(")) {
        run.add(line);
        continue;
      }
      run.sort(null);
      out.addAll(run);
      run.clear();
      out.add(line);
    }
    run.sort(null);
    out.addAll(run);
    return out;
  }
}
