package fr.comitia.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Everything under bpmn/ is deployed under names that do not depend on where the project lies. */
@ComitiaTest
class ModelDeployerIT {

  @Autowired RepositoryService repositoryService;
  @Autowired ModelDeployer deployer;

  @Test
  void theModelsOfBpmnAreDeployedUnderTheirRelativeNames() {
    Deployment deployment = repositoryService.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list().get(0);
    List<String> names = repositoryService.getDeploymentResourceNames(deployment.getId());
    assertThat(names).contains("bpmn/deliberation.bpmn", "bpmn/session.bpmn", "bpmn/quorum.dmn");
    assertThat(names).allSatisfy(n -> assertThat(n).startsWith("bpmn/").doesNotContain("/work/").doesNotContain(":"));
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("deliberation").latestVersion()
        .singleResult().getName()).isEqualTo("Délibération");
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("session").latestVersion()
        .singleResult().getHistoryTimeToLive()).isNotNull();
    assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("quorum").latestVersion()
        .singleResult().getName()).isEqualTo("Quorum");
  }

  @Test
  void deployingUnchangedModelsAgainCreatesNoNewVersion() throws Exception {
    long deployments = repositoryService.createDeploymentQuery().count();
    int version = repositoryService.createProcessDefinitionQuery().processDefinitionKey("deliberation").latestVersion()
        .singleResult().getVersion();
    deployer.deploy();
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("deliberation").latestVersion()
        .singleResult().getVersion()).isEqualTo(version);
  }
}
