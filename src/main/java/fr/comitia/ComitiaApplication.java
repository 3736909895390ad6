package fr.comitia;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Comitia: French local assemblies' deliberations from draft to notified act, on Camunda 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ComitiaApplication {

  public static void main(String[] args) {
    SpringApplication.run(ComitiaApplication.class, args);
  }
}
