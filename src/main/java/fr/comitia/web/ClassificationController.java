package fr.comitia.web;

import fr.comitia.roster.Classification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The prefecture's classification of acts (ACTES) as Comitia reads it from
 * {@code config/classification.xml}: the natures, and the matières a draft may carry (the last
 * level of the tree). The draft forms offer exactly these.
 */
@Tag(name = "Assemblées")
@RestController
@RequestMapping("/api/classification")
class ClassificationController {

  private final Classification classification;

  ClassificationController(Classification classification) {
    this.classification = classification;
  }

  record Choice(String code, String label, String fullLabel) {}

  record ClassificationView(String date, String defaultNature, List<Choice> natures, List<Choice> matieres) {}

  @Operation(summary = "Lire la classification des actes de la préfecture (natures, matières)")
  @GetMapping
  ClassificationView classification() {
    return new ClassificationView(classification.date(), Classification.DELIBERATION_NATURE,
        classification.natures().stream().map(n -> new Choice(n.code(), n.label(), n.code() + " " + n.label()))
            .toList(),
        classification.leaves().stream().map(m -> new Choice(m.code(), m.label(), m.fullLabel())).toList());
  }
}
