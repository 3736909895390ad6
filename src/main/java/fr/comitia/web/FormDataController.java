package fr.comitia.web;

import fr.comitia.roster.BodyDirectory;
import fr.comitia.roster.Classification;
import fr.comitia.roster.Organisation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Tasklist's start forms offer to choose from (« Délibération », « Séance de l'assemblée »):
 * the assemblies with their members in office today, and the declared partners. Read with the
 * Tasklist session (see {@link WebappSessionAuthenticationFilter}).
 */
@Tag(name = "Formulaires")
@RestController
class FormDataController {

  private final Organisation organisation;
  private final BodyDirectory directory;
  private final ReadAccess access;
  private final Classification classification;

  FormDataController(Organisation organisation, BodyDirectory directory, ReadAccess access,
      Classification classification) {
    this.classification = classification;
    this.organisation = organisation;
    this.directory = directory;
    this.access = access;
  }

  record MemberChoice(String id, String name, String collectivity) {}

  record BodyChoice(String id, String name, String presidentId, int convocationDelayClearDays,
      List<MemberChoice> members) {}

  record PartnerChoice(String id, String name, String email) {}

  /** A code of the prefecture's classification and what the form shows for it (« 1.4 Commande publique / … »). */
  record ClassificationChoice(String code, String label) {}

  record StartChoices(String organisation, List<BodyChoice> bodies, List<PartnerChoice> partners,
      String defaultNature, List<ClassificationChoice> natures, List<ClassificationChoice> matieres) {}

  @Operation(summary = "Choix du formulaire de dépôt (assemblées, membres, partenaires, classification)")
  @GetMapping("/api/forms/start-choices")
  StartChoices startChoices() {
    List<BodyChoice> bodies = directory.bodies().stream().map(b -> new BodyChoice(b.id(), b.name(), b.presidentId(),
        b.rules().convocationDelayClearDays(),
        directory.body(b.id(), null).orElseThrow().members().stream()
            .map(s -> new MemberChoice(s.id(), s.fullName(), s.collectivity())).toList())).toList();
    List<PartnerChoice> partners = organisation.partners().stream()
        .map(p -> new PartnerChoice(p.id(), p.name(), access.partnerAddress(p.email()))).toList();
    return new StartChoices(organisation.name(), bodies, partners, Classification.DELIBERATION_NATURE,
        classification.natures().stream().map(n -> new ClassificationChoice(n.code(), n.code() + " " + n.label()))
            .toList(),
        classification.leaves().stream().map(m -> new ClassificationChoice(m.code(), m.fullLabel())).toList());
  }
}
