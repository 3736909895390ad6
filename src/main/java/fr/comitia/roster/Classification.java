package fr.comitia.roster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prefecture's classification of acts (ACTES), from {@code config/classification.xml}: the
 * natures of acts (« 1 » Délibérations…) and the matières, a tree of codes (« 1.4 » Autres types
 * de contrats, under « 1 » Commande publique). A draft carries one nature and one matière of the
 * last level (a leaf); the transmission to the prefecture sends both.
 */
public final class Classification {

  /** The nature of a deliberation, the default of every draft. */
  public static final String DELIBERATION_NATURE = "1";

  /** « 1 » Délibérations (DE). */
  public record Nature(String code, String label, String shortType) {}

  /**
   * A matière: its dotted code (« 1.4 »), its own label, its labels from the top (« Commande
   * publique / Autres types de contrats »), and whether it has no sub-matière (only leaves are chosen).
   */
  public record Matiere(String code, String label, String path, boolean leaf) {
    /** « 1.4 Commande publique / Autres types de contrats ». */
    public String fullLabel() {
      return code + " " + path;
    }
  }

  private final String date;
  private final Map<String, Nature> natures;
  private final Map<String, Matiere> matieres;

  Classification(String date, List<Nature> natures, List<Matiere> matieres) {
    this.date = date;
    this.natures = new LinkedHashMap<>();
    natures.forEach(n -> this.natures.put(n.code(), n));
    this.matieres = new LinkedHashMap<>();
    matieres.forEach(m -> this.matieres.put(m.code(), m));
  }

  /** The date of the classification, as the prefecture gave it (AAAA-MM-JJ). */
  public String date() {
    return date;
  }

  public List<Nature> natures() {
    return List.copyOf(natures.values());
  }

  public Optional<Nature> nature(String code) {
    return Optional.ofNullable(code == null ? null : natures.get(code.strip()));
  }

  /** Every matière, each followed by its sub-matières (the tree read depth first). */
  public List<Matiere> matieres() {
    return List.copyOf(matieres.values());
  }

  /** The matières a draft may carry: the leaves of the tree. */
  public List<Matiere> leaves() {
    return matieres.values().stream().filter(Matiere::leaf).toList();
  }

  public Optional<Matiere> matiere(String code) {
    return Optional.ofNullable(code == null ? null : matieres.get(code.strip()));
  }

  /**
   * The fault of a nature code, or null when the classification has it: « Nature d'acte inconnue … ».
   */
  public String natureFault(String code) {
    if (nature(code).isPresent()) {
      return null;
    }
    List<String> known = new ArrayList<>();
    natures.values().forEach(n -> known.add(n.code() + " " + n.label()));
    return "Nature d'acte inconnue : « " + code + " » (classification de la préfecture : "
        + String.join(", ", known) + ").";
  }

  /**
   * The fault of a matière code, or null when it is a leaf of the classification: unknown, or a
   * matière that has sub-matières (one of them is to be chosen).
   */
  public String matiereFault(String code) {
    Matiere m = matiere(code).orElse(null);
    if (m == null) {
      return "Matière inconnue : « " + code + " » n'est pas dans la classification de la préfecture du "
          + date + " (par exemple « " + leaves().get(0).code() + " » " + leaves().get(0).label() + ").";
    }
    if (!m.leaf()) {
      List<String> children = leaves().stream().filter(l -> l.code().startsWith(m.code() + "."))
          .limit(4).map(l -> l.code() + " " + l.label()).toList();
      return "Matière trop générale : « " + m.code() + " » " + m.label() + " a des sous-matières, choisissez-en une ("
          + String.join(", ", children) + (children.size() == 4 ? ", …" : "") + ").";
    }
    return null;
  }
}
