package fr.comitia.roster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** « la délibération n° 2022-14 du Syndicat mixte ouvert … »: the article after « de », by the name's first word. */
class OrganisationNameTest {

  @Test
  void deTakesTheArticleTheNameNeeds() {
    assertThat(Organisation.of("Syndicat mixte ouvert « Nord – Pas-de-Calais Numérique »"))
        .isEqualTo("du Syndicat mixte ouvert « Nord – Pas-de-Calais Numérique »");
    assertThat(Organisation.of("Communauté d'agglomération du Douaisis"))
        .isEqualTo("de la Communauté d'agglomération du Douaisis");
    assertThat(Organisation.of("Établissement public territorial")).isEqualTo("de l'Établissement public territorial");
    assertThat(Organisation.of("Département du Nord")).isEqualTo("du Département du Nord");
    assertThat(Organisation.of("Lille")).isEqualTo("de Lille");
  }
}
