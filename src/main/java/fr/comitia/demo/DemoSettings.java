package fr.comitia.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demonstration's settings ({@code comitia.demo.*}), read only in profile {@code demo}.
 *
 * @param replaySeed replay deliberation 2022-14 at the first start (an empty register)
 * @param seedDirectory where the seed's draft and roll call are ({@code config/demo/seed})
 */
@ConfigurationProperties("comitia.demo")
record DemoSettings(boolean replaySeed, String seedDirectory) {

  DemoSettings {
    seedDirectory = seedDirectory == null || seedDirectory.isBlank() ? "config/demo/seed" : seedDirectory;
  }
}
