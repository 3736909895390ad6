package fr.comitia.register;

import fr.comitia.roster.Classification;
import java.util.List;

/**
 * A draft deliberation as its drafter writes it: object, preamble, « Vu … » clauses, proposal,
 * articles, annex titles, the partners to notify once the act is enforceable, and the explanatory
 * note sent to the members with the convocation (the preamble's first paragraph when empty), and
 * its place in the prefecture's classification (ACTES {@code nature}, « 1 » by default, and
 * {@code matiere}, required before the director validates the draft).
 */
public record Draft(
    String bodyId,
    String object,
    String rapporteurId,
    String preamble,
    List<String> visas,
    String proposal,
    List<Article> articles,
    List<String> annexes,
    List<PartnerRef> partners,
    String note,
    String nature,
    String matiere) {

  public Draft {
    // ACTES: every deliberation is of nature « 1 » (Délibérations) unless the drafter says otherwise.
    nature = nature == null || nature.isBlank() ? Classification.DELIBERATION_NATURE : nature.strip();
    matiere = matiere == null || matiere.isBlank() ? null : matiere.strip();
    visas = visas == null ? List.of() : List.copyOf(visas);
    articles = articles == null ? List.of() : List.copyOf(articles);
    annexes = annexes == null ? List.of() : List.copyOf(annexes);
    partners = partners == null ? List.of() : List.copyOf(partners);
  }

  /** « Article 1 : DECIDE de … »; the verb may be empty (« Article 4 : Le Président … »). */
  public record Article(String verb, String text) {}

  /** A partner of {@code config/} by id, or any addressee by name and email. */
  public record PartnerRef(String partnerId, String name, String email) {}
}
