package fr.comitia;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import fr.comitia.support.EngineClockReset;
import fr.comitia.support.StatementCounter;
import fr.comitia.support.WorkflowConfiguration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A Spring Boot integration test on the real stack: embedded PostgreSQL (a fresh data directory
 * per test context), the embedded SMTP server on a free port, the Camunda engine, the organisation
 * of {@code config/organisation.yml}, the demo profile's accounts. A {@link fr.comitia.support.Workflow}
 * is there to inject, and {@link StatementCounter} counts what a piece of code asks the database; the engine clock a test sets is reset after it ({@link EngineClockReset}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "comitia.embedded.postgres.data-directory=target/test-data/pg-${random.uuid}",
      "comitia.embedded.smtp.port=0",
      "camunda.bpm.job-execution.enabled=false"
    })
@Import({WorkflowConfiguration.class, StatementCounter.Configuration.class})
@ExtendWith(EngineClockReset.class)
public @interface ComitiaTest {}
