package fr.comitia.support;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/** The {@link Workflow} of an integration test, injected ({@code @Autowired Workflow flow}) by {@code @ComitiaTest}. */
@TestConfiguration(proxyBeanMethods = false)
public class WorkflowConfiguration {

  @Bean
  @Lazy
  Workflow workflow(@Lazy TestRestTemplate rest, TaskService taskService, ManagementService managementService) {
    return new Workflow(rest, taskService, managementService);
  }
}
