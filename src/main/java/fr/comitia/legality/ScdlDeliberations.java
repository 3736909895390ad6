package fr.comitia.legality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The register's open data in the SCDL « Délibérations » schema (OpenDataFrance), version 2.1.5, the
 * latest on schema.data.gouv.fr ({@value #SCHEMA_URL}): one row per deliberation, 17 columns in the
 * schema's order ({@link #COLUMNS}), written as CSV ({@link #csv}) and as JSON ({@link #json}).
 *
 * <p>CSV dialect, the SCDL recommendations for every SCDL dataset: UTF-8 without byte order mark, comma
 * separator, a header line of the column names, a value holding a comma, a double quote or a line break
 * between double quotes (a double quote inside doubled, RFC 4180), CRLF after every record. An absent
 * value is an empty cell (the schema's missing value, Table Schema's default {@code ""}). Dates are ISO
 * 8601 {@code yyyy-MM-dd}, integers plain decimal.
 *
 * <p>JSON: an array of objects, one per row, each with the 17 column names as keys in the same order;
 * strings and dates (ISO) as JSON strings, integers as JSON numbers, an absent value as {@code null}.
 *
 * <p>Both refuse rows that break the schema ({@link #violations}): its required fields and patterns,
 * the {@code uri} format of {@code DELIB_URL}, and its custom checks (Validata's, which a plain Table
 * Schema validator does not run): a valid SIRET, the ACTES nomenclature in {@code DELIB_MATIERE_NOM},
 * the budget year or interval, the budget columns and the vote columns filled together, the
 * registration not before the adoption, the vote counts consistent with one another. {@code PREF_ID}
 * follows the codes the schema describes ({@code PREF059}, {@code SPREF0591}, {@code SGAR059}): it
 * names the authority exercising the legality review, not the act's ACTES identifier.
 */
@Component
public class ScdlDeliberations {

  public static final String SCHEMA_NAME = "scdl/deliberations";
  public static final String SCHEMA_VERSION = "2.1.5";
  public static final String SCHEMA_URL =
      "https://schema.data.gouv.fr/schemas/scdl/deliberations/2.1.5/schema.json";

  /** The schema's fields, in its order: the CSV header and the JSON keys. */
  public static final List<String> COLUMNS = List.of(
      "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
      "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
      "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL");

  /** The CSV record separator (RFC 4180). */
  public static final String CRLF = "\r\n";

  /**
   * One deliberation, one field per column in {@link #COLUMNS}' order. Required: {@code collNom},
   * {@code collSiret}, {@code delibId}, {@code delibDate}, {@code matiereCode}, {@code matiereNom},
   * {@code objet}; the others may be null (a blank string counts as absent).
   *
   * @param matiereCode the level-2 ACTES code, « 1.4 » (see {@link #matiereCode(String)})
   * @param matiereNom the ACTES level-1 and level-2 labels in the schema's form, « commande
   *     publique/autres types de contrats » (see {@link #matiereNom(String, String)})
   * @param budgetAnnee « 2022 » or « 2022/2023 », with {@code budgetNom}, or neither
   * @param prefId the authority of the legality review, « PREF059 » (see {@link #prefId(String)})
   * @param prefDate the date the act was registered by that authority
   * @param voteEffectif members in office who could vote; with the four other counts, or none of them
   * @param voteReel members who took part in the vote: for + against + abstentions
   */
  public record Row(
      String collNom,
      String collSiret,
      String delibId,
      LocalDate delibDate,
      String matiereCode,
      String matiereNom,
      String objet,
      String budgetAnnee,
      String budgetNom,
      String prefId,
      LocalDate prefDate,
      Integer voteEffectif,
      Integer voteReel,
      Integer votePour,
      Integer voteContre,
      Integer voteAbstention,
      String delibUrl) {

    /** The row's values in {@link #COLUMNS}' order (strings, dates, integers; null when absent). */
    public List<Object> values() {
      return Arrays.asList(present(collNom), present(collSiret), present(delibId), delibDate,
          present(matiereCode), present(matiereNom), present(objet), present(budgetAnnee),
          present(budgetNom), present(prefId), prefDate, voteEffectif, voteReel, votePour, voteContre,
          voteAbstention, present(delibUrl));
    }
  }

  /** The ACTES level-1 matières, by their code (1 to 9): the prefixes nomenclature-actes-value accepts. */
  private static final List<String> ACTES_MATIERES_1 = List.of(
      "Commande publique", "Urbanisme", "Domaine et patrimoine", "Fonction publique",
      "Institutions et vie politique", "Libertés publiques et pouvoirs de police", "Finances locales",
      "Domaines de compétences par thèmes", "Autres domaines de compétences");

  private static final Pattern SIRET = Pattern.compile("^\\d{14}$");
  private static final Pattern MATIERE_CODE = Pattern.compile("^\\d\\.\\d{1,2}$");
  private static final Pattern BUDGET_ANNEE = Pattern.compile("^[0-9]{4}(/[0-9]{4})?$");
  /** PREFNNN, SGARNNN, SPREFNNNM; NNN the department on three characters (« 059 », « 02A », « 971 »). */
  private static final Pattern PREF_ID =
      Pattern.compile("^(?:(?:PREF|SGAR)(?:\\d{3}|02[AB])|SPREF(?:\\d{3}|02[AB])\\d)$");
  private static final Pattern DEPARTEMENT = Pattern.compile("^(?:\\d{1,3}|0?2[AB])$");

  private final ObjectMapper mapper = new ObjectMapper();

  /** The CSV file: the header and one record per row, each ended by CRLF, in UTF-8. */
  public byte[] csv(List<Row> rows) {
    check(rows);
    StringBuilder out = new StringBuilder();
    out.append(String.join(",", COLUMNS)).append(CRLF);
    for (Row row : rows) {
      List<String> cells = new ArrayList<>(COLUMNS.size());
      for (Object value : row.values()) {
        cells.add(quoted(text(value)));
      }
      out.append(String.join(",", cells)).append(CRLF);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The JSON file: an array of one object per row, keyed by {@link #COLUMNS} in order, in UTF-8. */
  public byte[] json(List<Row> rows) {
    check(rows);
    ArrayNode array = mapper.createArrayNode();
    for (Row row : rows) {
      ObjectNode object = array.addObject();
      List<Object> values = row.values();
      for (int i = 0; i < COLUMNS.size(); i++) {
        String column = COLUMNS.get(i);
        Object value = values.get(i);
        if (value == null) {
          object.putNull(column);
        } else if (value instanceof Integer integer) {
          object.put(column, integer);
        } else {
          object.put(column, text(value));
        }
      }
    }
    try {
      return mapper.writeValueAsBytes(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What in the row breaks the schema, one sentence each beginning with the column concerned; empty
   * when the row conforms.
   */
  public List<String> violations(Row row) {
    List<String> errors = new ArrayList<>();
    List<Object> values = row.values();
    for (String column : List.of(
        "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
        "DELIB_OBJET")) {
      if (values.get(COLUMNS.indexOf(column)) == null) {
        errors.add(column + " is required");
      }
    }

    String siret = present(row.collSiret());
    if (siret != null) {
      if (!SIRET.matcher(siret).matches()) {
        errors.add("COLL_SIRET « " + siret + " » is not 14 digits");
      } else if (!validSiret(siret)) {
        errors.add("COLL_SIRET « " + siret + " » is not a valid SIRET (check digit)");
      }
    }

    String code = present(row.matiereCode());
    if (code != null && !MATIERE_CODE.matcher(code).matches()) {
      errors.add("DELIB_MATIERE_CODE « " + code + " » is not a level-2 ACTES code like 1.4");
    }
    String nom = present(row.matiereNom());
    if (nom != null) {
      int slash = nom.indexOf('/');
      int level1 = slash < 0 ? -1 : actesMatiere1(nom.substring(0, slash));
      if (slash < 0) {
        errors.add("DELIB_MATIERE_NOM « " + nom + " » has no slash between the ACTES labels");
      } else if (nom.contains("/ ") || nom.substring(0, slash).endsWith(" ")) {
        errors.add("DELIB_MATIERE_NOM « " + nom + " » has a space next to the slash");
      } else if (level1 < 0) {
        errors.add("DELIB_MATIERE_NOM « " + nom + " » does not begin with an ACTES matière");
      } else if (code != null && MATIERE_CODE.matcher(code).matches()
          && code.charAt(0) - '0' != level1 + 1) {
        errors.add("DELIB_MATIERE_NOM « " + nom + " » is not under matière " + code.charAt(0)
            + " of DELIB_MATIERE_CODE « " + code + " »");
      }
    }

    String annee = present(row.budgetAnnee());
    if (annee != null) {
      if (!BUDGET_ANNEE.matcher(annee).matches()) {
        errors.add("BUDGET_ANNEE « " + annee + " » is neither YYYY nor YYYY/YYYY");
      } else if (annee.length() == 9
          && Integer.parseInt(annee.substring(5)) <= Integer.parseInt(annee.substring(0, 4))) {
        errors.add("BUDGET_ANNEE « " + annee + " »: the second year must come after the first");
      }
    }
    if ((annee == null) != (present(row.budgetNom()) == null)) {
      errors.add("BUDGET_ANNEE and BUDGET_NOM go together: both or neither");
    }

    String prefId = present(row.prefId());
    if (prefId != null && !PREF_ID.matcher(prefId).matches()) {
      errors.add("PREF_ID « " + prefId + " » is not the code of a legality-review authority"
          + " (PREFNNN, SPREFNNNM or SGARNNN, e.g. PREF059; not the act's ACTES identifier)");
    }
    if (row.prefDate() != null && row.delibDate() != null && row.prefDate().isBefore(row.delibDate())) {
      errors.add("PREF_DATE " + row.prefDate() + " is before DELIB_DATE " + row.delibDate());
    }

    List<Integer> votes = Arrays.asList(row.voteEffectif(), row.voteReel(), row.votePour(),
        row.voteContre(), row.voteAbstention());
    long filled = votes.stream().filter(Objects::nonNull).count();
    if (filled != 0 && filled != votes.size()) {
      errors.add("VOTE_EFFECTIF, VOTE_REEL, VOTE_POUR, VOTE_CONTRE and VOTE_ABSTENTION go together:"
          + " all or none");
    }
    for (int i = 0; i < votes.size(); i++) {
      if (votes.get(i) != null && votes.get(i) < 0) {
        errors.add(COLUMNS.get(COLUMNS.indexOf("VOTE_EFFECTIF") + i) + " is negative");
      }
    }
    if (filled == votes.size()) {
      int effectif = row.voteEffectif();
      int reel = row.voteReel();
      if (effectif < reel) {
        errors.add("VOTE_EFFECTIF " + effectif + " is less than VOTE_REEL " + reel);
      }
      if (reel < row.votePour() || reel < row.voteContre() || reel < row.voteAbstention()) {
        errors.add("VOTE_REEL " + reel + " is less than one of VOTE_POUR, VOTE_CONTRE, VOTE_ABSTENTION");
      }
      if (reel != row.votePour() + row.voteContre() + row.voteAbstention()) {
        errors.add("VOTE_REEL " + reel + " is not VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION ("
            + row.votePour() + " + " + row.voteContre() + " + " + row.voteAbstention() + ")");
      }
    }

    String url = present(row.delibUrl());
    if (url != null && !webAddress(url)) {
      errors.add("DELIB_URL « " + url + " » is not an absolute http(s) address");
    }
    return errors;
  }

  /**
   * {@code DELIB_MATIERE_NOM} from the ACTES level-1 and level-2 labels, as the schema writes it: both in
   * lower case (accents kept), without commas or parentheses, joined by a slash with no space around it
   * (« Commande publique », « Autres types de contrats » give « commande publique/autres types de
   * contrats »). A slash inside a label becomes a space.
   */
  public static String matiereNom(String level1, String level2) {
    return label(level1) + "/" + label(level2);
  }

  /** {@code DELIB_MATIERE_CODE}: the first two levels of an ACTES matière code (« 1.4.2 » gives « 1.4 »). */
  public static String matiereCode(String actesCode) {
    String[] levels = actesCode.strip().split("\\.");
    return levels.length < 2 ? actesCode.strip() : levels[0] + "." + levels[1];
  }

  /**
   * {@code PREF_ID} of the prefecture of a department: « PREF » and the department on three characters
   * (« 59 » gives « PREF059 », « 2A » « PREF02A », « 971 » « PREF971 »).
   */
  public static String prefId(String departement) {
    String d = departement.strip().toUpperCase(Locale.ROOT);
    if (!DEPARTEMENT.matcher(d).matches()) {
      throw new IllegalArgumentException("Not a department number: « " + departement + " »");
    }
    return "PREF" + "0".repeat(3 - d.length()) + d;
  }

  private void check(List<Row> rows) {
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      for (String error : violations(row)) {
        errors.add("row " + (i + 1) + " (DELIB_ID " + row.delibId() + "): " + error);
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "Not in the SCDL « Délibérations » " + SCHEMA_VERSION + " schema: " + String.join("; ", errors));
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof LocalDate date) {
      return date.format(DateTimeFormatter.ISO_LOCAL_DATE);
    }
    return value.toString();
  }

  /** RFC 4180: between double quotes when it holds a comma, a double quote or a line break. */
  private static String quoted(String cell) {
    if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\r') < 0
        && cell.indexOf('\n') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }

  private static String present(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String label(String label) {
    return label.toLowerCase(Locale.ROOT).replaceAll("[,()/]", " ").replaceAll("\\s+", " ").strip();
  }

  /** The index of the ACTES level-1 matière, ignoring case and accents (as Validata does), or -1. */
  private static int actesMatiere1(String label) {
    String wanted = folded(label);
    for (int i = 0; i < ACTES_MATIERES_1.size(); i++) {
      if (folded(ACTES_MATIERES_1.get(i)).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static String folded(String s) {
    return Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }

  /**
   * A SIRET's check (INSEE, as python-stdnum applies it for Validata): Luhn on the 14 digits and on the
   * 9 of the SIREN; La Poste's establishments (SIREN 356000000, its head office 35600000000048 apart)
   * instead have digits summing to a multiple of 5.
   */
  static boolean validSiret(String siret) {
    if (siret.startsWith("356000000") && !siret.equals("35600000000048")) {
      return siret.chars().map(c -> c - '0').sum() % 5 == 0;
    }
    return luhn(siret) && luhn(siret.substring(0, 9));
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }

  private static boolean webAddress(String value) {
    try {
      URI uri = new URI(value);
      return uri.isAbsolute() && uri.getHost() != null
          && Stream.of("http", "https").anyMatch(s -> s.equalsIgnoreCase(uri.getScheme()));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
