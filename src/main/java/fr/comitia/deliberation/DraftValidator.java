package fr.comitia.deliberation;

import fr.comitia.roster.Classification;
import fr.comitia.register.Draft;

import fr.comitia.register.Draft.Article;
import fr.comitia.register.Draft.PartnerRef;
import fr.comitia.platform.InputLimits;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Checks a draft against the organisation before anything is written. */
@Component
class DraftValidator {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

  private final Organisation organisation;
  private final Classification classification;

  DraftValidator(Organisation organisation, Classification classification) {
    this.organisation = organisation;
    this.classification = classification;
  }

  void check(Draft draft) {
    List<String> faults = new ArrayList<>();
    limits(draft, faults);
    if (!faults.isEmpty()) {
      // Too long or too many: the rest is not worth reading, nor echoing back.
      throw new InvalidDraftException(faults);
    }
    Body body = null;
    if (blank(draft.bodyId())) {
      faults.add("L'assemblée (bodyId) est obligatoire.");
    } else {
      body = organisation.body(draft.bodyId()).orElse(null);
      if (body == null) {
        faults.add("L'assemblée « " + draft.bodyId() + " » est inconnue (déclarées : "
            + String.join(", ", organisation.bodies().stream().map(Body::id).toList()) + ").");
      }
    }
    if (blank(draft.object())) {
      faults.add("L'objet de la délibération est obligatoire.");
    }
    add(faults, classification.natureFault(draft.nature()));
    if (draft.matiere() != null) {
      add(faults, classification.matiereFault(draft.matiere()));
    }
    if (body != null && !blank(draft.rapporteurId()) && !body.memberIds().contains(draft.rapporteurId())) {
      faults.add("Le rapporteur « " + draft.rapporteurId() + " » n'est pas membre de l'assemblée « " + body.name() + " ».");
    }
    for (int i = 0; i < draft.visas().size(); i++) {
      if (blank(draft.visas().get(i))) {
        faults.add("Visa n° " + (i + 1) + " : le texte est vide.");
      }
    }
    if (draft.articles().isEmpty()) {
      faults.add("La délibération doit comporter au moins un article.");
    }
    for (int i = 0; i < draft.articles().size(); i++) {
      Article article = draft.articles().get(i);
      if (article == null || blank(article.text())) {
        faults.add("Article " + (i + 1) + " : le texte est obligatoire.");
      }
    }
    for (int i = 0; i < draft.annexes().size(); i++) {
      if (blank(draft.annexes().get(i))) {
        faults.add("Annexe n° " + (i + 1) + " : le titre est vide.");
      }
    }
    for (int i = 0; i < draft.partners().size(); i++) {
      PartnerRef p = draft.partners().get(i);
      String where = "Partenaire n° " + (i + 1);
      if (p == null) {
        faults.add(where + " : vide.");
      } else if (!blank(p.partnerId())) {
        if (organisation.partner(p.partnerId()).isEmpty()) {
          faults.add(where + " : « " + p.partnerId() + " » est inconnu (déclarés : "
              + String.join(", ", organisation.partners().stream().map(Organisation.Partner::id).toList()) + ").");
        }
      } else if (blank(p.name()) || blank(p.email())) {
        faults.add(where + " : indiquez un partenaire déclaré (partnerId) ou un nom et une adresse électronique.");
      } else if (!EMAIL.matcher(p.email().strip()).matches()) {
        faults.add(where + " : adresse électronique invalide « " + p.email() + " ».");
      }
    }
    if (!faults.isEmpty()) {
      throw new InvalidDraftException(faults);
    }
  }

  /** Sizes and characters (InputLimits), checked before anything else. */
  private static void limits(Draft draft, List<String> faults) {
    add(faults, InputLimits.text("L'assemblée (bodyId)", draft.bodyId(), InputLimits.ID));
    add(faults, InputLimits.text("L'objet de la délibération", draft.object(), InputLimits.OBJECT));
    add(faults, InputLimits.text("Le rapporteur (rapporteurId)", draft.rapporteurId(), InputLimits.ID));
    add(faults, InputLimits.text("Le préambule", draft.preamble(), InputLimits.PREAMBLE));
    add(faults, InputLimits.text("La proposition", draft.proposal(), InputLimits.PROPOSAL));
    add(faults, InputLimits.text("La note explicative", draft.note(), InputLimits.NOTE));
    add(faults, InputLimits.text("La nature de l'acte (nature)", draft.nature(), InputLimits.ID));
    add(faults, InputLimits.text("La matière (matiere)", draft.matiere(), InputLimits.ID));
    add(faults, InputLimits.count("Les visas", draft.visas(), InputLimits.VISAS));
    add(faults, InputLimits.count("Les articles", draft.articles(), InputLimits.ARTICLES));
    add(faults, InputLimits.count("Les annexes", draft.annexes(), InputLimits.ANNEXES));
    add(faults, InputLimits.count("Les partenaires", draft.partners(), InputLimits.PARTNERS));
    if (!faults.isEmpty()) {
      return;
    }
    for (int i = 0; i < draft.visas().size(); i++) {
      add(faults, InputLimits.text("Visa n° " + (i + 1), draft.visas().get(i), InputLimits.VISA));
    }
    for (int i = 0; i < draft.articles().size(); i++) {
      Article a = draft.articles().get(i);
      if (a != null) {
        add(faults, InputLimits.text("Article " + (i + 1) + " (verbe)", a.verb(), InputLimits.ARTICLE_VERB));
        add(faults, InputLimits.text("Article " + (i + 1), a.text(), InputLimits.ARTICLE_TEXT));
      }
    }
    for (int i = 0; i < draft.annexes().size(); i++) {
      add(faults, InputLimits.text("Annexe n° " + (i + 1), draft.annexes().get(i), InputLimits.ANNEX_TITLE));
    }
    for (int i = 0; i < draft.partners().size(); i++) {
      PartnerRef p = draft.partners().get(i);
      if (p != null) {
        add(faults, InputLimits.text("Partenaire n° " + (i + 1) + " (partnerId)", p.partnerId(), InputLimits.ID));
        add(faults, InputLimits.text("Partenaire n° " + (i + 1) + " (nom)", p.name(), InputLimits.PARTNER_NAME));
        add(faults, InputLimits.text("Partenaire n° " + (i + 1) + " (adresse)", p.email(), InputLimits.EMAIL));
      }
    }
  }

  private static void add(List<String> faults, String fault) {
    if (fault != null) {
      faults.add(fault);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
