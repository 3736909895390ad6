package fr.comitia.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads process variables as REST clients and Tasklist send them (Boolean, Integer or Long,
 * String, Json or a String holding JSON), and refuses a task completion with a French message
 * ({@link RuleViolation}): the REST APIs answer 400 and the task stays open.
 */
public final class Variables {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private Variables() {}

  /** The refusal of a variable that breaks a rule (a 400 with the message: see {@link Refusals}). */
  public static RuleViolation refusal(String field, String message) {
    return new RuleViolation(field, message);
  }

  public static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    return text.isEmpty() ? null : text;
  }

  /** A text of at most {@code max} characters without control characters (InputLimits), else refused. */
  public static String string(VariableScope scope, String name, String label, int max) {
    return InputLimits.checked(name, label, string(scope, name), max);
  }

  public static Boolean bool(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().strip().toLowerCase();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    throw refusal(name, "« " + name + " » doit valoir true ou false (reçu : « " + value + " »).");
  }

  public static Integer integer(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
        throw refusal(name, "« " + name + " » doit être un nombre entier (reçu : « " + value + " »).");
      }
      return n.intValue();
    }
    try {
      return Integer.valueOf(value.toString().strip());
    } catch (NumberFormatException e) {
      throw refusal(name, "« " + name + " » doit être un nombre entier (reçu : « " + value + " »).");
    }
  }

  /** A Json variable, a String holding JSON, or a Java collection/map, as a Jackson tree; null if absent. */
  public static JsonNode json(VariableScope scope, String name) {
    org.camunda.bpm.engine.variable.value.TypedValue typed = scope.getVariableTyped(name, false);
    if (typed instanceof org.camunda.bpm.engine.variable.value.SerializableValue serializable
        && !serializable.isDeserialized()) {
      // A Json variable is parsed here, so that malformed JSON is a refusal, not an engine error.
      return toJson(serializable.getValueSerialized(), name);
    }
    return toJson(typed == null ? null : typed.getValue(), name);
  }

  public static JsonNode toJson(Object value, String name) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof SpinJsonNode spin) {
        return JSON.readTree(spin.toString());
      }
      if (value instanceof String s) {
        return s.isBlank() ? null : JSON.readTree(s);
      }
      if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
        return JSON.valueToTree(value);
      }
      return JSON.readTree(value.toString());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw refusal(name, "« " + name + " » n'est pas un JSON valide.");
    }
  }
}
