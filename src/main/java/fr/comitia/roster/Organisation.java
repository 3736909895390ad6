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

  public record Collectivity(String id, String name) {}

  /** An elected member; {@code since} is when they took office, if the file says. */
  public record Member(
      String id, String civility, String firstName, String lastName, String collectivityId, String email,
      LocalDate since) {

    /** « Mme Valérie BIEGALSKI » */
    public String fullName() {
      return civility + " " + firstName + " " + lastName;
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
