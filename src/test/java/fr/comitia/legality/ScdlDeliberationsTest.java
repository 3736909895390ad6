package fr.comitia.legality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.comitia.legality.ScdlDeliberations.Row;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register's open data in the SCDL « Délibérations » schema 2.1.5: the CSV of the reference case
 * (deliberation 2022-14, and a budget deliberation whose object needs quoting) is checked against our
 * transcription of the schema ({@code src/test/resources/scdl/deliberations-schema.json}) by Frictionless'
 * Table Schema library for Node ({@code tableschema} 1.12.6, installed by {@code .ci/run} with
 * {@code npm ci --prefix .ci/tableschema}), through {@code src/test/resources/scdl/validate.js}; copies
 * with one value broken prove that the validator does check. The JSON has the same keys, typed as the
 * schema says; rows breaking the schema's rules (its custom checks included) are refused.
 *
 * <p>The validator is found in {@code .ci/tableschema} under the project, or in the directory given by
 * the system property {@code comitia.tableschema.dir} or the variable {@code COMITIA_TABLESCHEMA_DIR}.
 * Without {@code node} or the package the test fails, saying how to install them.
 */
class ScdlDeliberationsTest {

  static final String TABLESCHEMA_VERSION = "1.12.6";
  static final String COLL_NOM = "Syndicat mixte ouvert « Nord – Pas-de-Calais Numérique »";
  static final String SIRET = "20004103600019";
  static final String OBJET_2022_14 =
      "Adhésion au groupement de commandes pour l'acquisition d'un Espace Numérique de Travail (ENT)";
  static final String OBJET_2022_15 = "Décision modificative n° 1, budget \"principal\" 2022\nvirement de crédits";

  final ScdlDeliberations scdl = new ScdlDeliberations();
  final ObjectMapper mapper = new ObjectMapper();

  @TempDir Path tmp;

  /** Deliberation 2022-14 of the comité syndical: matière 1.4, transmitted, 22 in office, 13 voters, 13 for. */
  static Row reference() {
    return new Row(COLL_NOM, SIRET, "2022-14", LocalDate.of(2022, 6, 16), ScdlDeliberations.matiereCode("1.4"),
        ScdlDeliberations.matiereNom("Commande publique", "Autres types de contrats"), OBJET_2022_14, null, null,
        ScdlDeliberations.prefId("59"), LocalDate.of(2022, 6, 20), 22, 13, 13, 0, 0,
        "https://deliberations.example.org/registre/actes/D-2022-0001");
  }

  /** A budget deliberation not yet transmitted, votes not given, whose object holds a comma, quotes, a line break. */
  static Row budget() {
    return new Row(COLL_NOM, SIRET, "2022-15", LocalDate.of(2022, 6, 16), "7.1",
        ScdlDeliberations.matiereNom("Finances locales", "Décisions budgétaires"), OBJET_2022_15, "2022",
        "Budget principal", null, null, null, null, null, null, null,
        "https://deliberations.example.org/registre/actes/D-2022-0002");
  }

  static List<Row> rows() {
    return List.of(reference(), budget());
  }

  @Test
  void theCsvIsTheSchemasHeaderThenOneQuotedRecordPerRowInUtf8WithCrlf() throws Exception {
    String csv = new String(scdl.csv(rows()), StandardCharsets.UTF_8);

    List<String> fields = new ArrayList<>();
    schema().get("fields").forEach(f -> fields.add(f.get("name").asText()));
    assertThat(fields).as("the transcription's fields").containsExactlyElementsOf(ScdlDeliberations.COLUMNS)
        .hasSize(17);
    assertThat(csv.substring(0, csv.indexOf("\r\n"))).as("header line").isEqualTo(String.join(",", fields))
        .isEqualTo("COLL_NOM,COLL_SIRET,DELIB_ID,DELIB_DATE,DELIB_MATIERE_CODE,DELIB_MATIERE_NOM,DELIB_OBJET,"
            + "BUDGET_ANNEE,BUDGET_NOM,PREF_ID,PREF_DATE,VOTE_EFFECTIF,VOTE_REEL,VOTE_POUR,VOTE_CONTRE,"
            + "VOTE_ABSTENTION,DELIB_URL");
    assertThat(csv).isEqualTo(String.join(",", fields) + "\r\n"
        + COLL_NOM + ",20004103600019,2022-14,2022-06-16,1.4,commande publique/autres types de contrats,"
        + OBJET_2022_14 + ",,,PREF059,2022-06-20,22,13,13,0,0,"
        + "https://deliberations.example.org/registre/actes/D-2022-0001\r\n"
        + COLL_NOM + ",20004103600019,2022-15,2022-06-16,7.1,finances locales/décisions budgétaires,"
        + "\"Décision modificative n° 1, budget \"\"principal\"\" 2022\nvirement de crédits\","
        + "2022,Budget principal,,,,,,,,https://deliberations.example.org/registre/actes/D-2022-0002\r\n");
    assertThat(scdl.csv(rows())).startsWith("COLL_NOM".getBytes(StandardCharsets.US_ASCII)); // no BOM
    assertThat(csv).contains("Pas-de-Calais Numérique »"); // UTF-8 read back as UTF-8
  }

  @Test
  void theTableSchemaValidatorFindsTheCsvValid() throws Exception {
    TableSchemaValidator.Verdict verdict = validate(scdl.csv(rows()));
    assertThat(verdict.exit()).as("validator exit; its output:%n%s", verdict.output()).isZero();
    assertThat(verdict.output()).contains("valid: 2 rows");
  }

  @Test
  void theValidatorReportsACsvThatBreaksTheSchema() throws Exception {
    String csv = new String(scdl.csv(rows()), StandardCharsets.UTF_8);
    Map<String, UnaryOperator<String>> broken = new LinkedHashMap<>();
    broken.put("\"pattern\" constraint for column \"COLL_SIRET\"", // a SIRET of 13 digits
        s -> s.replace("20004103600019,2022-14,", "2000410360001,2022-14,"));
    broken.put("\"2022-06-31\" in column \"PREF_DATE\" is not type \"date\"",
        s -> s.replace(",2022-06-20,", ",2022-06-31,"));
    broken.put("\"16/06/2022\" in column \"DELIB_DATE\" is not type \"date\"",
        s -> s.replace(",2022-14,2022-06-16,", ",2022-14,16/06/2022,"));
    broken.put("\"required\" constraint for column \"DELIB_ID\"", s -> s.replace(",2022-14,", ",,"));
    broken.put("\"pattern\" constraint for column \"DELIB_MATIERE_CODE\"", s -> s.replace(",1.4,", ",1-4,"));
    broken.put("\"pattern\" constraint for column \"BUDGET_ANNEE\"", s -> s.replace(",2022,Budget", ",22,Budget"));
    broken.put("in column \"VOTE_EFFECTIF\" is not type \"integer\"", s -> s.replace(",22,13,", ",vingt-deux,13,"));
    broken.put("in column \"DELIB_URL\" is not type \"string\" and format \"uri\"",
        s -> s.replace("https://deliberations.example.org/registre/actes/D-2022-0001", "registre D-2022-0001"));
    broken.put("header: [\"COLL_SIRET\",\"COLL_NOM\"", s -> s.replaceFirst("COLL_NOM,COLL_SIRET", "COLL_SIRET,COLL_NOM"));
    broken.put("Invalid Record Length: expect 17, got 18", s -> s.replace(",PREF059,", ",PREF059,,"));
    broken.put("the file starts with a byte order mark", s -> "\ufeff" + s);

    for (Map.Entry<String, UnaryOperator<String>> breaking : broken.entrySet()) {
      String changed = breaking.getValue().apply(csv);
      assertThat(changed).as("the change for %s", breaking.getKey()).isNotEqualTo(csv);
      TableSchemaValidator.Verdict verdict = validate(changed.getBytes(StandardCharsets.UTF_8));
      assertThat(verdict.exit()).as("validator exit for %s; its output:%n%s", breaking.getKey(), verdict.output())
          .isEqualTo(1);
      assertThat(verdict.output()).as("validator output").contains(breaking.getKey());
    }
    TableSchemaValidator.Verdict latin1 = validate(csv.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(latin1.exit()).isEqualTo(1);
    assertThat(latin1.output()).contains("not valid UTF-8");
  }

  @Test
  void theJsonHasTheSameKeysInOrderTypedAsTheSchemaSays() throws Exception {
    Map<String, JsonNode> fields = new LinkedHashMap<>();
    schema().get("fields").forEach(f -> fields.put(f.get("name").asText(), f));
    JsonNode json = mapper.readTree(scdl.json(rows()));

    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(2);
    for (JsonNode object : json) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactlyElementsOf(fields.keySet());
      for (Map.Entry<String, JsonNode> field : fields.entrySet()) {
        JsonNode value = object.get(field.getKey());
        boolean required = field.getValue().path("constraints").path("required").asBoolean(false);
        if (value.isNull()) {
          assertThat(required).as("%s is null but required", field.getKey()).isFalse();
          continue;
        }
        switch (field.getValue().get("type").asText()) {
          case "string" -> assertThat(value.isTextual()).as("%s is a string", field.getKey()).isTrue();
          case "date" -> {
            assertThat(value.isTextual()).as("%s is a string", field.getKey()).isTrue();
            assertThat(value.asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            LocalDate.parse(value.asText());
          }
          case "integer" -> assertThat(value.isInt()).as("%s is an integer", field.getKey()).isTrue();
          default -> fail("type " + field.getValue().get("type") + " of " + field.getKey());
        }
      }
    }
    JsonNode first = json.get(0);
    assertThat(first.get("COLL_NOM").asText()).isEqualTo(COLL_NOM);
    assertThat(first.get("COLL_SIRET").asText()).isEqualTo(SIRET);
    assertThat(first.get("DELIB_DATE").asText()).isEqualTo("2022-06-16");
    assertThat(first.get("DELIB_MATIERE_CODE").asText()).isEqualTo("1.4");
    assertThat(first.get("DELIB_MATIERE_NOM").asText()).isEqualTo("commande publique/autres types de contrats");
    assertThat(first.get("PREF_ID").asText()).isEqualTo("PREF059");
    assertThat(first.get("PREF_DATE").asText()).isEqualTo("2022-06-20");
    assertThat(first.get("BUDGET_ANNEE").isNull()).isTrue();
    assertThat(first.get("VOTE_EFFECTIF").intValue()).isEqualTo(22);
    assertThat(first.get("VOTE_REEL").intValue()).isEqualTo(13);
    assertThat(first.get("VOTE_POUR").intValue()).isEqualTo(13);
    assertThat(first.get("VOTE_CONTRE").intValue()).isZero();
    assertThat(first.get("VOTE_ABSTENTION").intValue()).isZero();
    JsonNode second = json.get(1);
    assertThat(second.get("DELIB_OBJET").asText()).isEqualTo(OBJET_2022_15);
    assertThat(second.get("BUDGET_ANNEE").asText()).isEqualTo("2022");
    assertThat(second.get("VOTE_EFFECTIF").isNull()).isTrue();
    assertThat(second.get("PREF_DATE").isNull()).isTrue();
  }

  @Test
  void rowsBreakingTheSchemasRulesAreRefused() throws Exception {
    assertThat(scdl.violations(reference())).isEmpty();
    assertThat(scdl.violations(budget())).isEmpty();

    // Every field the transcription marks required is required.
    Row blank = new Row(null, null, null, null, null, null, " ", null, null, null, null, null, null, null, null, null,
        null);
    List<String> required = new ArrayList<>();
    schema().get("fields").forEach(f -> {
      if (f.path("constraints").path("required").asBoolean(false)) {
        required.add(f.get("name").asText() + " is required");
      }
    });
    assertThat(scdl.violations(blank)).containsExactlyElementsOf(required);

    Row r = reference();
    Map<String, Row> broken = new LinkedHashMap<>();
    broken.put("COLL_SIRET « 2000410360001 » is not 14 digits", with(r, "2000410360001", r.prefId(), r.matiereNom()));
    broken.put("COLL_SIRET « 20004103600018 » is not a valid SIRET", with(r, "20004103600018", r.prefId(),
        r.matiereNom()));
    broken.put("PREF_ID « 059-200041036-20220616-2022_14-DE » is not the code of a legality-review authority",
        with(r, SIRET, "059-200041036-20220616-2022_14-DE", r.matiereNom()));
    broken.put("has a space next to the slash", with(r, SIRET, r.prefId(), "Commande publique / Autres types de contrats"));
    broken.put("does not begin with an ACTES matière", with(r, SIRET, r.prefId(), "marchés/autres types de contrats"));
    broken.put("is not under matière 1", with(r, SIRET, r.prefId(), "urbanisme/documents d'urbanisme"));
    broken.put("PREF_DATE 2022-06-15 is before DELIB_DATE 2022-06-16", new Row(r.collNom(), SIRET, r.delibId(),
        r.delibDate(), r.matiereCode(), r.matiereNom(), r.objet(), null, null, r.prefId(), LocalDate.of(2022, 6, 15),
        22, 13, 13, 0, 0, r.delibUrl()));
    broken.put("VOTE_REEL 13 is not VOTE_POUR + VOTE_CONTRE + VOTE_ABSTENTION (12 + 0 + 0)", votes(r, 22, 13, 12, 0, 0));
    broken.put("VOTE_EFFECTIF 12 is less than VOTE_REEL 13", votes(r, 12, 13, 13, 0, 0));
    broken.put("go together: all or none", votes(r, 22, 13, null, null, null));
    broken.put("BUDGET_ANNEE and BUDGET_NOM go together", budget(r, "2022", null));
    broken.put("the second year must come after the first", budget(r, "2022/2022", "Budget principal"));
    broken.put("DELIB_URL « registre D-2022-0001 » is not an absolute http(s) address", new Row(r.collNom(), SIRET,
        r.delibId(), r.delibDate(), r.matiereCode(), r.matiereNom(), r.objet(), null, null, r.prefId(), r.prefDate(),
        22, 13, 13, 0, 0, "registre D-2022-0001"));

    for (Map.Entry<String, Row> breaking : broken.entrySet()) {
      assertThat(scdl.violations(breaking.getValue())).as(breaking.getKey())
          .anySatisfy(v -> assertThat(v).contains(breaking.getKey()));
      assertThatThrownBy(() -> scdl.csv(List.of(reference(), breaking.getValue())))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 2 (DELIB_ID 2022-14)")
          .hasMessageContaining(breaking.getKey());
      assertThatThrownBy(() -> scdl.json(List.of(breaking.getValue()))).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void theSchemasFormsOfMatiereAndPrefectureAreBuiltFromActes() {
    assertThat(ScdlDeliberations.matiereNom("Commande publique", "Autres types de contrats"))
        .isEqualTo("commande publique/autres types de contrats");
    assertThat(ScdlDeliberations.matiereNom("Domaines de compétences par thèmes", "Politique de la ville, habitat, logement"))
        .isEqualTo("domaines de compétences par thèmes/politique de la ville habitat logement");
    assertThat(ScdlDeliberations.matiereNom("Finances locales", "Prise de participation (SEM, etc.)"))
        .isEqualTo("finances locales/prise de participation sem etc.");
    assertThat(ScdlDeliberations.matiereNom("Commande publique", "Transactions / protocole d'accord transactionnel"))
        .isEqualTo("commande publique/transactions protocole d'accord transactionnel");
    assertThat(ScdlDeliberations.matiereCode("1.4")).isEqualTo("1.4");
    assertThat(ScdlDeliberations.matiereCode("8.10.2")).isEqualTo("8.10");
    assertThat(ScdlDeliberations.prefId("59")).isEqualTo("PREF059");
    assertThat(ScdlDeliberations.prefId("2a")).isEqualTo("PREF02A");
    assertThat(ScdlDeliberations.prefId("971")).isEqualTo("PREF971");
    assertThatThrownBy(() -> ScdlDeliberations.prefId("59000")).isInstanceOf(IllegalArgumentException.class);
    assertThat(ScdlDeliberations.validSiret("35600000049837")).as("La Poste").isTrue();
    assertThat(ScdlDeliberations.validSiret("21860194600013")).as("the schema's example").isTrue();
  }

  @Test
  void theTranscriptionNamesTheSchemaItTranscribes() throws Exception {
    JsonNode schema = schema();
    assertThat(schema.get("version").asText()).isEqualTo(ScdlDeliberations.SCHEMA_VERSION).isEqualTo("2.1.5");
    assertThat(schema.get("sources").get(0).get("path").asText()).isEqualTo(ScdlDeliberations.SCHEMA_URL);
    assertThat(schema.get("description").asText()).contains("SCDL « Délibérations »", "2.1.5",
        "https://schema.data.gouv.fr/scdl/deliberations/2.1.5/");
  }

  static Row with(Row r, String siret, String prefId, String matiereNom) {
    return new Row(r.collNom(), siret, r.delibId(), r.delibDate(), r.matiereCode(), matiereNom, r.objet(),
        r.budgetAnnee(), r.budgetNom(), prefId, r.prefDate(), r.voteEffectif(), r.voteReel(), r.votePour(),
        r.voteContre(), r.voteAbstention(), r.delibUrl());
  }

  static Row votes(Row r, Integer effectif, Integer reel, Integer pour, Integer contre, Integer abstention) {
    return new Row(r.collNom(), r.collSiret(), r.delibId(), r.delibDate(), r.matiereCode(), r.matiereNom(), r.objet(),
        r.budgetAnnee(), r.budgetNom(), r.prefId(), r.prefDate(), effectif, reel, pour, contre, abstention,
        r.delibUrl());
  }

  static Row budget(Row r, String annee, String nom) {
    return new Row(r.collNom(), r.collSiret(), r.delibId(), r.delibDate(), r.matiereCode(), r.matiereNom(), r.objet(),
        annee, nom, r.prefId(), r.prefDate(), r.voteEffectif(), r.voteReel(), r.votePour(), r.voteContre(),
        r.voteAbstention(), r.delibUrl());
  }

  JsonNode schema() throws IOException, URISyntaxException {
    return mapper.readTree(resource("/scdl/deliberations-schema.json").toFile());
  }

  static Path resource(String name) throws URISyntaxException {
    var url = ScdlDeliberationsTest.class.getResource(name);
    assertThat(url).as("test resource %s", name).isNotNull();
    return Path.of(url.toURI());
  }

  /** Runs validate.js on the CSV bytes with the transcribed schema: its exit code and output. */
  TableSchemaValidator.Verdict validate(byte[] csv) throws Exception {
    return TableSchemaValidator.validate(csv, tmp);
  }
}
