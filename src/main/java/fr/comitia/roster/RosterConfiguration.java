package fr.comitia.roster;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

@Configuration(proxyBeanMethods = false)
class RosterConfiguration {

  /** Read once at start; a faulty file stops the start with a message naming the fault. */
  @Bean
  Organisation organisation(
      ResourceLoader resourceLoader,
      @Value("${comitia.organisation:file:config/organisation.yml}") String location) {
    String displayName = location.replaceFirst("^(file|classpath):", "");
    return OrganisationLoader.load(resourceLoader.getResource(location), displayName);
  }

  /** The prefecture's classification of acts (ACTES), read once at start like the organisation. */
  @Bean
  Classification classification(
      ResourceLoader resourceLoader,
      @Value("${comitia.classification:file:config/classification.xml}") String location) {
    String displayName = location.replaceFirst("^(file|classpath):", "");
    return ClassificationLoader.load(resourceLoader.getResource(location), displayName);
  }
}
