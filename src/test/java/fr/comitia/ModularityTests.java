package fr.comitia;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Comitia's packages are Spring Modulith modules: no cycle between them, no reach into another
 * module's internals. The module documentation (PlantUML component diagrams and canvases) is
 * written to {@code docs/modules/}.
 */
class ModularityTests {

  static final ApplicationModules MODULES = ApplicationModules.of(ComitiaApplication.class);

  @Test
  void modulesHaveNoCycleAndUseOnlyEachOthersApi() {
    MODULES.verify();
  }

  @Test
  void writesTheModuleDocumentation() {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
  }
}
