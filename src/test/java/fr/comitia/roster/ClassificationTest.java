package fr.comitia.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.platform.StartupRefusedException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

/** The prefecture's classification as shipped in {@code config/classification.xml}, and faulty files. */
class ClassificationTest {

  static final Classification SHIPPED = ClassificationLoader.load(
      new FileSystemResource("config/classification.xml"), "config/classification.xml");

  @Test
  void theShippedFileHasTheSixNaturesOfActesAndTheNationalMatieres() {
    assertThat(SHIPPED.natures()).extracting(Classification.Nature::code).containsExactly("1", "2", "3", "4", "5", "6");
    assertThat(SHIPPED.nature("1")).get().extracting(Classification.Nature::label, Classification.Nature::shortType)
        .containsExactly("Délibérations", "DE");
    assertThat(SHIPPED.matiere("1.4")).get()
        .extracting(Classification.Matiere::label, Classification.Matiere::path, Classification.Matiere::leaf)
        .containsExactly("Autres types de contrats", "Commande publique / Autres types de contrats", true);
    assertThat(SHIPPED.matiere("1").orElseThrow().leaf()).isFalse();
    assertThat(SHIPPED.matiere("7.10").orElseThrow().fullLabel()).isEqualTo("7.10 Finances locales / Divers");
    assertThat(SHIPPED.leaves()).hasSize(59).allMatch(m -> m.code().contains("."));
    assertThat(SHIPPED.date()).isEqualTo("2022-01-03");
  }

  @Test
  void aDraftMayCarryOnlyALeafOfTheTreeAndAKnownNature() {
    assertThat(SHIPPED.matiereFault("5.7")).isNull();
    assertThat(SHIPPED.matiereFault("5")).isEqualTo("Matière trop générale : « 5 » Institutions et vie politique a des "
        + "sous-matières, choisissez-en une (5.1 Election exécutif, 5.2 Fonctionnement des assemblées, "
        + "5.3 Désignation de représentants, 5.4 Délégation de fonctions, …).");
    assertThat(SHIPPED.matiereFault("5.77")).isEqualTo("Matière inconnue : « 5.77 » n'est pas dans la classification "
        + "de la préfecture du 2022-01-03 (par exemple « 1.1 » Marchés publics).");
    assertThat(SHIPPED.natureFault("1")).isNull();
    assertThat(SHIPPED.natureFault("DE")).startsWith("Nature d'acte inconnue : « DE » (classification de la "
        + "préfecture : 1 Délibérations, 2 Actes réglementaires,");
  }

  @Test
  void aFaultyFileStopsTheStartNamingTheFault() {
    assertThatThrownBy(() -> parse("<RetourClassification/>"))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("l'élément racine doit être actes:RetourClassification");
    assertThatThrownBy(() -> parse(actes("<actes:NaturesActes><actes:NatureActe actes:CodeNatureActe=\"2\" "
        + "actes:Libelle=\"Actes réglementaires\"/></actes:NaturesActes><actes:Matieres/>")))
        .hasMessageContaining("la nature « 1 » (Délibérations) manque");
    assertThatThrownBy(() -> parse(actes(natures() + "<actes:Matieres><actes:Matiere1 actes:CodeMatiere=\"1\" "
        + "actes:Libelle=\"A\"/><actes:Matiere1 actes:CodeMatiere=\"1\" actes:Libelle=\"B\"/></actes:Matieres>")))
        .hasMessageContaining("la matière « 1 » est déclarée deux fois");
    assertThatThrownBy(() -> parse(actes(natures() + "<actes:Matieres><actes:Matiere1 actes:CodeMatiere=\"1\"/>"
        + "</actes:Matieres>")))
        .hasMessageContaining("actes:Matiere1 sans attribut actes:Libelle");
    assertThatThrownBy(() -> ClassificationLoader.load(new FileSystemResource("config/absent.xml"), "config/absent.xml"))
        .hasMessage("Classification des actes introuvable : le fichier config/absent.xml n'existe pas "
            + "(propriété comitia.classification).");
  }

  @Test
  void aFileCannotReadOtherFilesThroughAnEntity() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + actes(natures() + "<actes:Matieres><actes:Matiere1 actes:CodeMatiere=\"1\" actes:Libelle=\"&x;\"/>"
        + "</actes:Matieres>");
    assertThatThrownBy(() -> parse(xxe)).isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("Classification des actes illisible").hasMessageNotContaining("root:");
  }

  private static Classification parse(String xml) {
    return ClassificationLoader.parse("test.xml", new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String natures() {
    return "<actes:NaturesActes><actes:NatureActe actes:CodeNatureActe=\"1\" actes:Libelle=\"Délibérations\" "
        + "actes:TypeAbrege=\"DE\"/></actes:NaturesActes>";
  }

  private static String actes(String body) {
    return "<actes:RetourClassification xmlns:actes=\"" + ClassificationLoader.ACTES + "\">"
        + "<actes:DateClassification>2022-01-03</actes:DateClassification>" + body + "</actes:RetourClassification>";
  }
}
