package fr.comitia.roster;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organisation read from {@code config/organisation.yml}: the public body, its member
 * collectivities, its elected members, its assemblies (bodies) with their rules, the partners acts
 * are notified to, and the service accounts.
 */
public record Organisation(
    String id,
    String name,
    String shortName,
    String kind,
    String email,
    List<Collectivity> collectivities,
    List<Member> members,
    List<Body> bodies,
    List<Partner> partners,
    List<Account> accounts,
    String siret,
    String departement) {

  /** The SIREN (the SIRET's first nine digits), which names the body in ACTES ids; null without a SIRET. */
  public String siren() {
    return siret == null ? null : siret.substring(0, 9);
  }

  /**
   * « du Syndicat mixte ouvert « … » », « de la Communauté d'agglomération … », « de l'Établissement … »:
   * the name after « de », with the article French requires (by its first word; « de » otherwise).
   */
  public String ofName() {
    return of(name);
  }

  /** « de » and the article a body's name takes after it, by its first word. */
  public static String of(String name) {
    String first = name.split("[\\s']", 2)[0].toLowerCase(java.util.Locale.FRENCH);
    if (first.matches("[aeiouyhéèêàâîô].*")) {
      return "de l'" + name;
    }
    if (java.util.Set.of("commune", "communauté", "métropole", "région", "ville", "collectivité").contains(first)) {
      return "de la " + name;
    }
    if (java.util.Set.of("syndicat", "département", "conseil", "pôle", "pays", "centre", "sivu", "sivom", "smo")
        .contains(first)) {
      return "du " + name;
    }
    return "de " + name;
  }

  public record Collectivity(String id, String name) {}

  /** An elected member; {@code since} is when they took office, if the file says. */
  public record Member(
      String id, String civility, String firstName, String lastName, String collectivityId, String email,
      LocalDate since) {

    /** « Mme Valérie BIEGALSKI » */
    public String fullName() {
      return civility + " " + firstName + " " + lastName;
    }

    /** Whether the texts about them agree in the feminine. */
    public boolean feminine() {
      return fr.comitia.platform.FrenchWords.feminine(civility);
    }

    /** « Mme BIEGALSKI », as in the « Pouvoir à » column. */
    public String shortName() {
      return civility + " " + lastName;
    }
  }

  public record Body(
      String id,
      String name,
      String assemblyName,
      String presidentTitle,
      String presidentId,
      List<String> memberIds,
      LocalDate inOfficeSince,
      BodyRules rules,
      Map<Integer, Integer> firstNumberOfYear,
      Map<String, String> substitutes) {

    /** {@code substitutes}: titular member id to the id of their substitute (suppléant), empty when none. */
    public Body {
      substitutes = substitutes == null ? Map.of() : Map.copyOf(substitutes);
    }

    /** A body whose statuts give no substitutes. */
    public Body(String id, String name, String assemblyName, String presidentTitle, String presidentId,
        List<String> memberIds, LocalDate inOfficeSince, BodyRules rules, Map<Integer, Integer> firstNumberOfYear) {
      this(id, name, assemblyName, presidentTitle, presidentId, memberIds, inOfficeSince, rules, firstNumberOfYear,
          Map.of());
    }

    /** The titular member whose substitute this person is, if any. */
    public Optional<String> titularOf(String substituteId) {
      return substitutes.entrySet().stream().filter(e -> e.getValue().equals(substituteId)).map(Map.Entry::getKey)
          .findFirst();
    }
  }

  public record Partner(String id, String name, String email) {}

  public record Account(String id, String firstName, String lastName, String email, List<String> groups) {}

  public Optional<Body> body(String bodyId) {
    return bodies.stream().filter(b -> b.id().equals(bodyId)).findFirst();
  }

  public Optional<Member> member(String memberId) {
    return members.stream().filter(m -> m.id().equals(memberId)).findFirst();
  }

  public Optional<Collectivity> collectivity(String collectivityId) {
    return collectivities.stream().filter(c -> c.id().equals(collectivityId)).findFirst();
  }

  public Optional<Partner> partner(String partnerId) {
    return partners.stream().filter(p -> p.id().equals(partnerId)).findFirst();
  }
}
