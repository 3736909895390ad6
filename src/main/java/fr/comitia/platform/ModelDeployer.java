package fr.comitia.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every BPMN, DMN and Camunda Form found under {@code bpmn/} on the class path (and the
 * embedded HTML forms of {@code bpmn/forms/}), named by
 * their path relative to {@code bpmn/} (never by the checkout's absolute path), so that the same
 * models deploy once whatever the machine and a restart creates no new version.
 */
@Component
class ModelDeployer {

  static final String DEPLOYMENT_NAME = "comitia";
  private static final String ROOT = "bpmn/";
  private static final String[] EXTENSIONS = {"bpmn", "dmn", "form"};
  /** Embedded Tasklist forms ({@code embedded:deployment:bpmn/forms/….html}), deployed with the models. */
  private static final String[] FORM_PATTERNS = {"forms/**/*.html"};
  private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

  private final RepositoryService repositoryService;
  private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

  public ModelDeployer(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  /** The models, by deployment resource name, e.g. {@code bpmn/deliberation.bpmn}. */
  Map<String, Resource> models() throws IOException {
    Map<String, Resource> models = new TreeMap<>();
    for (Resource root : resolver.getResources("classpath*:" + ROOT)) {
      String rootUrl = root.getURL().toString();
      for (String extension : EXTENSIONS) {
        for (Resource model : resolver.getResources(rootUrl + "**/*." + extension)) {
          String relative = model.getURL().toString().substring(rootUrl.length());
          models.putIfAbsent(ROOT + relative, model);
        }
      }
      for (String pattern : FORM_PATTERNS) {
        for (Resource form : resolver.getResources(rootUrl + pattern)) {
          String relative = form.getURL().toString().substring(rootUrl.length());
          models.putIfAbsent(ROOT + relative, form);
        }
      }
    }
    return models;
  }

  public void deploy() throws IOException {
    Map<String, Resource> models = models();
    if (models.isEmpty()) {
      log.info("Aucun modèle à déployer sous {}", ROOT);
      return;
    }
    DeploymentBuilder deployment =
        repositoryService
            .createDeployment()
            .name(DEPLOYMENT_NAME)
            .source(DEPLOYMENT_NAME)
            .enableDuplicateFiltering(true);
    for (Map.Entry<String, Resource> model : models.entrySet()) {
      try (InputStream in = model.getValue().getInputStream()) {
        deployment.addInputStream(model.getKey(), new java.io.ByteArrayInputStream(in.readAllBytes()));
      }
    }
    var deployed = deployment.deploy();
    log.info("Modèles déployés ({}) : {}", deployed.getId(), models.keySet());
  }
}
