package fr.comitia.deliberation;

import fr.comitia.register.Draft;

import static fr.comitia.deliberation.DeliberationVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import fr.comitia.register.Draft.Article;
import fr.comitia.register.Draft.PartnerRef;
import fr.comitia.platform.Variables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The draft from process variables: lists as Json arrays or Strings holding JSON; a list of texts
 * may also be plain text, one item per line (a Tasklist text area).
 */
final class DraftMapper {

  private DraftMapper() {}

  static Draft fromVariables(VariableScope scope) {
    return new Draft(
        Variables.string(scope, BODY_ID),
        Variables.string(scope, OBJECT),
        Variables.string(scope, RAPPORTEUR_ID),
        Variables.string(scope, PREAMBLE),
        texts(scope, VISAS),
        Variables.string(scope, PROPOSAL),
        articles(scope),
        texts(scope, ANNEXES),
        partners(scope),
        Variables.string(scope, NOTE),
        Variables.string(scope, NATURE),
        Variables.string(scope, MATIERE));
  }

  static List<String> texts(VariableScope scope, String name) {
    Object raw = scope.getVariable(name);
    if (raw instanceof String s && !s.strip().startsWith("[")) {
      return Arrays.stream(s.split("\\R")).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
    JsonNode node = Variables.json(scope, name);
    List<String> texts = new ArrayList<>();
    if (node == null || node.isNull()) {
      return texts;
    }
    if (!node.isArray()) {
      throw Variables.refusal(name, "« " + name + " » doit être une liste de textes.");
    }
    for (JsonNode item : node) {
      if (item.isObject() && item.has("title")) {
        texts.add(item.get("title").asText());
      } else if (item.isValueNode()) {
        texts.add(item.asText());
      } else {
        throw Variables.refusal(name, "« " + name + " » doit être une liste de textes.");
      }
    }
    return texts;
  }

  static List<Article> articles(VariableScope scope) {
    JsonNode node = Variables.json(scope, ARTICLES);
    List<Article> articles = new ArrayList<>();
    if (node == null || node.isNull()) {
      return articles;
    }
    if (!node.isArray()) {
      throw Variables.refusal(ARTICLES, "« articles » doit être une liste de {verb, text}.");
    }
    for (JsonNode item : node) {
      if (item.isTextual()) {
        articles.add(new Article(null, item.asText()));
      } else if (item.isObject()) {
        articles.add(new Article(text(item, "verb"), text(item, "text")));
      } else {
        throw Variables.refusal(ARTICLES, "« articles » doit être une liste de {verb, text}.");
      }
    }
    return articles;
  }

  static List<PartnerRef> partners(VariableScope scope) {
    JsonNode node = Variables.json(scope, PARTNERS);
    List<PartnerRef> partners = new ArrayList<>();
    if (node == null || node.isNull()) {
      return partners;
    }
    if (!node.isArray()) {
      throw Variables.refusal(PARTNERS, "« partners » doit être une liste de {partnerId} ou {name, email}.");
    }
    for (JsonNode item : node) {
      if (item.isTextual()) {
        partners.add(new PartnerRef(item.asText(), null, null));
      } else if (item.isObject()) {
        partners.add(new PartnerRef(text(item, "partnerId"), text(item, "name"), text(item, "email")));
      } else {
        throw Variables.refusal(PARTNERS, "« partners » doit être une liste de {partnerId} ou {name, email}.");
      }
    }
    return partners;
  }

  private static String text(JsonNode item, String field) {
    JsonNode value = item.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
