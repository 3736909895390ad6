package fr.comitia.deliberation;

import fr.comitia.deliberation.Draft.Article;
import fr.comitia.deliberation.Draft.PartnerRef;
import fr.comitia.roster.Organisation;
import fr.comitia.roster.Organisation.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Checks a draft against the organisation before anything is written. */
@Component
class DraftValidator {

  static final int MAX_OBJECT = 1000;
  static final int MAX_TEXT = 100_000;
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

  private final Organisation organisation;

  DraftValidator(Organisation organisation) {
    this.organisation = organisation;
  }

  void check(Draft draft) {
    List<String> faults = new ArrayList<>();
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
    } else if (draft.object().length() > MAX_OBJECT) {
      faults.add("L'objet de la délibération dépasse " + MAX_OBJECT + " caractères.");
    }
    if (draft.preamble() != null && draft.preamble().length() > MAX_TEXT) {
      faults.add("Le préambule dépasse " + MAX_TEXT + " caractères.");
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
      } else if (article.text().length() > MAX_TEXT) {
        faults.add("Article " + (i + 1) + " : le texte dépasse " + MAX_TEXT + " caractères.");
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

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
