package fr.comitia.roster;

import fr.comitia.roster.BodyRules.QuorumRule;
import fr.comitia.roster.Organisation.Account;
import fr.comitia.roster.Organisation.Body;
import fr.comitia.roster.Organisation.Collectivity;
import fr.comitia.roster.Organisation.Member;
import fr.comitia.roster.Organisation.Partner;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks {@code organisation.yml}. Every fault is reported with the file, the line, the
 * entry and what is wrong, in French, so that a secretariat can mend the file without help.
 */
final class OrganisationLoader {

  /** Camunda's default whitelist for user and group ids, lower-cased for readability. */
  static final Pattern ID = Pattern.compile("[a-z0-9]+");

  static final Set<String> CIVILITIES = Set.of("M.", "Mme");

  private final String source;

  private OrganisationLoader(String source) {
    this.source = source;
  }

  public static Organisation load(Resource resource, String displayName) {
    if (!resource.exists()) {
      throw new InvalidOrganisationException(
          "Organisation introuvable : le fichier " + displayName + " n'existe pas "
              + "(propriété comitia.organisation).");
    }
    try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
      return parse(displayName, reader);
    } catch (IOException e) {
      throw new InvalidOrganisationException("Organisation illisible : " + displayName + " : " + e.getMessage(), e);
    }
  }

  static Organisation parse(String source, Reader reader) {
    return new OrganisationLoader(source).read(reader);
  }

  private Organisation read(Reader reader) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw fault(line, "syntaxe YAML", "erreur de syntaxe (" + e.getProblem() + ")");
    }
    if (!(root instanceof MappingNode)) {
      throw fault(1, "document", "le fichier doit contenir les rubriques organisation, collectivities, members, bodies");
    }
    Entry top = new Entry((MappingNode) root, "document");

    Entry org = top.entry("organisation", "rubrique organisation", true);
    String orgId = org.id("id");
    String orgName = org.text("name", true);
    String shortName = org.textOr("shortName", orgName);
    String kind = org.textOr("kind", "COMMUNE");
    String orgEmail = org.textOr("email", null);
    if (orgEmail != null) {
      org.email("email");
    }
    String siret = org.textOr("siret", null);
    if (siret != null && !validSiret(siret)) {
      throw org.fault("SIRET « " + siret + " » invalide (14 chiffres, clé de contrôle de Luhn)");
    }
    String departement = org.textOr("departement", null);
    if (departement != null && !departement.matches("\\d{3}|02[AB]|97\\d")) {
      throw org.fault("département « " + departement + " » invalide (code sur 3 caractères, comme dans ACTES : 059, 02A)");
    }

    Set<String> userIds = new HashSet<>();
    Map<String, Collectivity> collectivities = new LinkedHashMap<>();
    for (Entry e : top.list("collectivities", "collectivité", false)) {
      String id = e.id("id");
      if (collectivities.containsKey(id)) {
        throw e.fault("identifiant « " + id + " » déjà utilisé par une autre collectivité");
      }
      collectivities.put(id, new Collectivity(id, e.text("name", true)));
    }

    Map<String, Member> members = new LinkedHashMap<>();
    for (Entry e : top.list("members", "membre", true)) {
      String id = e.id("id");
      if (!userIds.add(id)) {
        throw e.fault("identifiant « " + id + " » en double");
      }
      String civility = e.text("civility", true);
      if (!CIVILITIES.contains(civility)) {
        throw e.fault("civilité « " + civility + " » inconnue (attendu : M. ou Mme)");
      }
      String collectivity = e.textOr("collectivity", null);
      if (collectivity != null && !collectivities.containsKey(collectivity)) {
        throw e.fault("collectivité « " + collectivity + " » inconnue (déclarées : "
            + String.join(", ", collectivities.keySet()) + ")");
      }
      members.put(id, new Member(id, civility, e.text("firstName", true), e.text("lastName", true),
          collectivity, e.email("email"), e.date("since")));
    }

    List<Body> bodies = new ArrayList<>();
    Set<String> bodyIds = new HashSet<>();
    for (Entry e : top.list("bodies", "assemblée", true)) {
      String id = e.id("id");
      if (!bodyIds.add(id)) {
        throw e.fault("identifiant d'assemblée « " + id + " » en double");
      }
      String name = e.text("name", true);
      List<String> memberIds = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (ScalarNode ref : e.scalars("members")) {
        String memberId = ref.getValue();
        if (!members.containsKey(memberId)) {
          throw fault(line(ref), e.what, "membre « " + memberId + " » inconnu (absent de la liste members)");
        }
        if (!seen.add(memberId)) {
          throw fault(line(ref), e.what, "membre « " + memberId + " » cité deux fois");
        }
        memberIds.add(memberId);
      }
      if (memberIds.isEmpty()) {
        throw e.fault("l'assemblée n'a aucun membre");
      }
      String president = e.text("president", true);
      if (!seen.contains(president)) {
        throw e.fault("le président « " + president + " » n'est pas membre de l'assemblée");
      }
      bodies.add(new Body(id, name, e.textOr("assemblyName", name.toLowerCase(Locale.FRENCH)),
          e.textOr("presidentTitle", "Le Président"), president, List.copyOf(memberIds), e.date("inOfficeSince"),
          rules(e),
          firstNumbers(e), substitutes(e, seen, members.keySet())));
    }

    Map<String, Partner> partners = new LinkedHashMap<>();
    for (Entry e : top.list("partners", "partenaire", false)) {
      String id = e.id("id");
      if (partners.containsKey(id)) {
        throw e.fault("identifiant de partenaire « " + id + " » en double");
      }
      partners.put(id, new Partner(id, e.text("name", true), e.email("email")));
    }

    List<Account> accounts = new ArrayList<>();
    for (Entry e : top.list("accounts", "compte", false)) {
      String id = e.id("id");
      if (!userIds.add(id)) {
        throw e.fault("identifiant « " + id + " » déjà utilisé par un membre ou un autre compte");
      }
      List<String> groups = new ArrayList<>();
      for (ScalarNode g : e.scalars("groups")) {
        if (!Groups.ROLE_GROUPS.contains(g.getValue())) {
          throw fault(line(g), e.what, "groupe « " + g.getValue() + " » inconnu (attendu : "
              + String.join(", ", Groups.ROLE_GROUPS) + ")");
        }
        groups.add(g.getValue());
      }
      accounts.add(new Account(id, e.text("firstName", true), e.text("lastName", true), e.email("email"),
          List.copyOf(groups)));
    }

    return new Organisation(orgId, orgName, shortName, kind, orgEmail,
        List.copyOf(collectivities.values()), List.copyOf(members.values()), List.copyOf(bodies),
        List.copyOf(partners.values()), List.copyOf(accounts), siret, departement);
  }

  /** 14 digits whose Luhn sum is a multiple of 10 (the INSEE's check on a SIRET). */
  static boolean validSiret(String siret) {
    if (!siret.matches("\\d{14}")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 14; i++) {
      int d = siret.charAt(13 - i) - '0';
      if (i % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  private BodyRules rules(Entry body) {
    Entry rules = body.entry("rules", body.what + ", règles", false);
    if (rules == null) {
      return BodyRules.cgct();
    }
    int delay = rules.integer("convocationDelayClearDays", BodyRules.CGCT_CONVOCATION_DELAY, 1);
    int proxies = rules.integer("maxProxiesPerHolder", BodyRules.CGCT_MAX_PROXIES, 1);
    Entry quorum = rules.entry("quorum", body.what + ", règle de quorum", false);
    QuorumRule rule = QuorumRule.cgct();
    if (quorum != null) {
      QuorumRule.Source src = quorum.choice("source", QuorumRule.Source.class, QuorumRule.Source.STATUTS);
      if (src == QuorumRule.Source.STATUTS) {
        rule = new QuorumRule(src, quorum.text("label", true),
            quorum.choice("threshold", QuorumRule.Threshold.class, QuorumRule.Threshold.MAJORITY),
            quorum.choice("counting", QuorumRule.Counting.class, QuorumRule.Counting.PRESENT));
      }
    }
    return new BodyRules(delay, proxies, rule,
        rules.choice("remoteAttendance", BodyRules.RemoteAttendance.class, BodyRules.RemoteAttendance.NOT_ALLOWED),
        rules.choice("substituteNotice", BodyRules.SubstituteNotice.class, BodyRules.SubstituteNotice.INFORMED),
        rules.choice("convocationDocuments", BodyRules.ConvocationDocuments.class,
            BodyRules.ConvocationDocuments.LINKS));
  }

  /**
   * {@code substitutes}: titular member of the body → their substitute (suppléant), a person of the
   * {@code members} list who is not a member of the body; one substitute per titular, one titular per
   * substitute.
   */
  private Map<String, String> substitutes(Entry body, Set<String> bodyMembers, Set<String> people) {
    Entry map = body.entry("substitutes", body.what + ", suppléants", false);
    Map<String, String> substitutes = new LinkedHashMap<>();
    if (map == null) {
      return substitutes;
    }
    Map<String, String> titularOf = new HashMap<>();
    for (NodeTuple t : map.node.getValue()) {
      String titular = scalar(t.getKeyNode(), map.what);
      String substitute = scalar(t.getValueNode(), map.what);
      int line = line(t.getKeyNode());
      if (!bodyMembers.contains(titular)) {
        throw fault(line, map.what, "le titulaire « " + titular + " » n'est pas membre de l'assemblée");
      }
      if (substitutes.containsKey(titular)) {
        throw fault(line, map.what, "le titulaire « " + titular + " » a deux suppléants (un seul par titulaire)");
      }
      if (!people.contains(substitute)) {
        throw fault(line, map.what, "suppléant « " + substitute + " » inconnu (absent de la liste members)");
      }
      if (bodyMembers.contains(substitute)) {
        throw fault(line, map.what, "« " + substitute + " » est membre de l'assemblée : il ne peut pas y être "
            + "suppléant");
      }
      String other = titularOf.putIfAbsent(substitute, titular);
      if (other != null) {
        throw fault(line, map.what, "« " + substitute + " » est déjà le suppléant de « " + other
            + " » (un suppléant ne supplée qu'un titulaire)");
      }
      substitutes.put(titular, substitute);
    }
    return substitutes;
  }

  private Map<Integer, Integer> firstNumbers(Entry body) {
    Entry register = body.entry("register", body.what + ", registre", false);
    Map<Integer, Integer> first = new HashMap<>();
    if (register == null) {
      return first;
    }
    Entry years = register.entry("firstNumberOfYear", body.what + ", premier numéro de l'année", false);
    if (years == null) {
      return first;
    }
    for (NodeTuple t : years.node.getValue()) {
      String year = scalar(t.getKeyNode(), years.what);
      String number = scalar(t.getValueNode(), years.what);
      try {
        int y = Integer.parseInt(year);
        int n = Integer.parseInt(number);
        if (y < 1900 || y > 2999 || n < 1) {
          throw new NumberFormatException();
        }
        first.put(y, n);
      } catch (NumberFormatException ex) {
        throw fault(line(t.getKeyNode()), years.what,
            "« " + year + ": " + number + " » n'est pas une année suivie d'un numéro positif");
      }
    }
    return Map.copyOf(first);
  }

  // --- YAML helpers -----------------------------------------------------------------------------

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private InvalidOrganisationException fault(int line, String what, String problem) {
    return new InvalidOrganisationException(
        "Organisation invalide — " + source + ", ligne " + line + ", " + what + " : " + problem + ".");
  }

  private String scalar(Node node, String what) {
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    throw fault(line(node), what, "une valeur simple est attendue");
  }

  /** A YAML mapping with its position and a French description for messages. */
  private final class Entry {
    final MappingNode node;
    final String what;

    Entry(MappingNode node, String what) {
      this.node = node;
      this.what = what;
    }

    InvalidOrganisationException fault(String problem) {
      return OrganisationLoader.this.fault(line(node), what, problem);
    }

    Node get(String key) {
      for (NodeTuple t : node.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
      return null;
    }

    String textOr(String key, String fallback) {
      Node value = get(key);
      if (value == null) {
        return fallback;
      }
      String text = scalar(value, what).strip();
      return text.isEmpty() ? fallback : text;
    }

    String text(String key, boolean required) {
      String text = textOr(key, null);
      if (text == null && required) {
        throw fault("champ « " + key + " » manquant");
      }
      return text;
    }

    String id(String key) {
      String id = text(key, true);
      if (!ID.matcher(id).matches()) {
        throw OrganisationLoader.this.fault(line(get(key)), what,
            "identifiant « " + id + " » invalide (lettres minuscules sans accent et chiffres seulement)");
      }
      return id;
    }

    String email(String key) {
      String email = text(key, true);
      try {
        new InternetAddress(email, true).validate();
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
          throw new AddressException();
        }
      } catch (AddressException e) {
        throw OrganisationLoader.this.fault(line(get(key)), what, "adresse électronique invalide « " + email + " »");
      }
      return email;
    }

    LocalDate date(String key) {
      String text = textOr(key, null);
      if (text == null) {
        return null;
      }
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw OrganisationLoader.this.fault(line(get(key)), what,
            "« " + key + " » doit être une date AAAA-MM-JJ (lu : « " + text + " »)");
      }
    }

    int integer(String key, int fallback, int min) {
      String text = textOr(key, null);
      if (text == null) {
        return fallback;
      }
      try {
        int value = Integer.parseInt(text);
        if (value < min) {
          throw new NumberFormatException();
        }
        return value;
      } catch (NumberFormatException e) {
        throw OrganisationLoader.this.fault(line(get(key)), what,
            "« " + key + " » doit être un nombre entier d'au moins " + min + " (lu : « " + text + " »)");
      }
    }

    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
      String text = textOr(key, null);
      if (text == null) {
        return fallback;
      }
      try {
        return Enum.valueOf(type, text);
      } catch (IllegalArgumentException e) {
        List<String> allowed = new ArrayList<>();
        for (E c : type.getEnumConstants()) {
          allowed.add(c.name());
        }
        throw OrganisationLoader.this.fault(line(get(key)), what,
            "« " + key + " » vaut « " + text + " », attendu : " + String.join(" ou ", allowed));
      }
    }

    Entry entry(String key, String description, boolean required) {
      Node value = get(key);
      if (value == null) {
        if (required) {
          throw fault("rubrique « " + key + " » manquante");
        }
        return null;
      }
      if (!(value instanceof MappingNode m)) {
        throw OrganisationLoader.this.fault(line(value), description, "« " + key + " » doit être une rubrique (clé: valeur)");
      }
      return new Entry(m, description);
    }

    List<Entry> list(String key, String itemName, boolean required) {
      Node value = get(key);
      if (value == null) {
        if (required) {
          throw fault("rubrique « " + key + " » manquante");
        }
        return List.of();
      }
      if (!(value instanceof SequenceNode seq)) {
        throw OrganisationLoader.this.fault(line(value), what, "« " + key + " » doit être une liste");
      }
      List<Entry> entries = new ArrayList<>();
      int index = 0;
      for (Node item : seq.getValue()) {
        index++;
        if (!(item instanceof MappingNode m)) {
          throw OrganisationLoader.this.fault(line(item), itemName + " n° " + index, "chaque élément doit être une rubrique");
        }
        Entry e = new Entry(m, itemName + " n° " + index);
        String id = e.textOr("id", null);
        entries.add(id == null ? e : new Entry(m, itemName + " « " + id + " »"));
      }
      return entries;
    }

    List<ScalarNode> scalars(String key) {
      Node value = get(key);
      if (value == null) {
        return List.of();
      }
      if (!(value instanceof SequenceNode seq)) {
        throw OrganisationLoader.this.fault(line(value), what, "« " + key + " » doit être une liste");
      }
      List<ScalarNode> result = new ArrayList<>();
      for (Node item : seq.getValue()) {
        if (!(item instanceof ScalarNode s)) {
          throw OrganisationLoader.this.fault(line(item), what, "« " + key + " » doit être une liste d'identifiants");
        }
        result.add(s);
      }
      return result;
    }
  }
}
