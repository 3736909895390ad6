package fr.comitia.document;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.document.ExtractService.Wording.Block;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preamble keeps its paragraphs and its lists in every document. */
class PreambleBlocksTest {

  @Test
  void paragraphsAndBulletedListsAreKeptInTheirOrder() {
    String preamble = """
        L'ENT Hauts-de-France a pour finalité :

        - d'offrir un service unique,
        - de contribuer à l'égalité des chances.

        Une stratégie de convergence
        a été mise en œuvre.
        Elle prévoit :
        • un groupement de commandes ;
        * un marché d'intégration.""";

    assertThat(ExtractService.Wording.blocks(preamble)).containsExactly(
        new Block("L'ENT Hauts-de-France a pour finalité :", List.of()),
        new Block(null, List.of("d'offrir un service unique,", "de contribuer à l'égalité des chances.")),
        new Block("Une stratégie de convergence a été mise en œuvre. Elle prévoit :", List.of()),
        new Block(null, List.of("un groupement de commandes ;", "un marché d'intégration.")));
    assertThat(ExtractService.Wording.blocks(null)).isEmpty();
    assertThat(ExtractService.Wording.blocks("-1 000 € de recettes")).containsExactly(
        new Block("-1 000 € de recettes", List.of()));
  }
}
