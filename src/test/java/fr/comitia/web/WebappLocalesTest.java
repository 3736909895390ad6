package fr.comitia.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Camunda's webapps in French: each French string of Comitia's locale files carries the same
 * placeholders ({@code {{message}}}…) as Camunda's English file of the same version, so that no
 * message loses its figures or shows « {{nom}} »; and no label is left in English.
 */
class WebappLocalesTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}|\\s]+)[^}]*}}");
  /** Labels once left in English (identical words in both languages, like « Type », are not listed). */
  private static final Map<String, List<String>> ONCE_ENGLISH = Map.of(
      "cockpit", List.of("PLGN_SEAR_EXPI_BTN_EXPORT_CSV", "PLGN_BATCH_PAYLOAD", "PLGN_MOD_REQUEST_PAYLOAD"),
      "admin", List.of("USERS_PROFILE", "USERS_EMAIL"),
      "welcome", List.of("CAM_WIDGET_DMN_VIEWER_ERROR", "EMAIL"));

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void everyFrenchLabelHasTheEnglishPlaceholdersAndIsTranslated(String app) throws IOException {
    JsonNode english = labels(app, "en");
    JsonNode french = labels(app, "fr");
    List<String> faults = new ArrayList<>();
    english.fieldNames().forEachRemaining(key -> {
      JsonNode fr = french.get(key);
      if (fr == null) {
        faults.add(key + " : absent du fichier français");
      } else if (!placeholders(english.get(key).asText()).equals(placeholders(fr.asText()))) {
        faults.add(key + " : « " + fr.asText() + " » au lieu des variables de « " + english.get(key).asText() + " »");
      }
    });
    for (String key : ONCE_ENGLISH.getOrDefault(app, List.of())) {
      if (english.get(key).asText().equals(french.get(key).asText())) {
        faults.add(key + " : resté en anglais (« " + french.get(key).asText() + " »)");
      }
    }
    assertThat(faults).as(app).isEmpty();
  }

  private static TreeSet<String> placeholders(String text) {
    TreeSet<String> names = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static JsonNode labels(String app, String language) throws IOException {
    String path = "/META-INF/resources/webjars/camunda/app/" + app + "/locales/" + language + ".json";
    try (InputStream in = WebappLocalesTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      byte[] bytes = in.readAllBytes();
      String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "");
      return new ObjectMapper().readTree(text).get("labels");
    }
  }
}
