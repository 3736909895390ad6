package fr.comitia.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped organisation ({@code config/organisation.yml}) plus a body of {@code size} fictional
 * members (addresses under example.org), for the convocation fan-out and the large extract.
 */
final class BenchOrganisation {

  static final String BODY = "bench200";
  private static final String[] FIRST_NAMES = {"Camille", "Dominique", "Claude", "Alix", "Sacha", "Maxime", "Morgan",
      "Charlie", "Lou", "Noa"};

  private BenchOrganisation() {}

  static String memberId(int i) {
    return String.format("bm%03d", i);
  }

  static List<String> memberIds(int size) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      ids.add(memberId(i));
    }
    return ids;
  }

  static Path write(Path shipped, Path target, int size) throws IOException {
    String yaml = Files.readString(shipped);
    if (!yaml.contains("\nbodies:\n") || !yaml.contains("\npartners:\n")) {
      throw new IllegalStateException(shipped + " has no « bodies: » or « partners: » section at the top level");
    }
    String[] collectivities = {"regionhdf", "nord", "pasdecalais", "collegeent"};
    StringBuilder members = new StringBuilder("\n  # Assemblée fictive du benchmark (" + size + " membres)\n");
    for (int i = 1; i <= size; i++) {
      members.append(String.format(
          "  - { id: %s, civility: %s, firstName: %s, lastName: ESSAI-%03d, collectivity: %s, email: membre.%03d@commune-essai.example.org }%n",
          memberId(i), i % 2 == 0 ? "Mme" : "M.", FIRST_NAMES[i % FIRST_NAMES.length], i,
          collectivities[i % collectivities.length], i));
    }
    StringBuilder body = new StringBuilder()
        .append("  - id: ").append(BODY).append('\n')
        .append("    name: Conseil communautaire d'essai\n")
        .append("    assemblyName: conseil communautaire\n")
        .append("    presidentTitle: Le Président de la communauté d'essai\n")
        .append("    president: ").append(memberId(1)).append('\n')
        .append("    inOfficeSince: 2021-09-01\n")
        .append("    members: [");
    for (int i = 1; i <= size; i++) {
      body.append(i == 1 ? "" : ", ").append(i % 12 == 0 ? "\n      " : "").append(memberId(i));
    }
    body.append("]\n");
    String out = yaml.replace("\nbodies:\n", members + "\nbodies:\n")
        .replace("\npartners:\n", "\n" + body + "\npartners:\n");
    Files.createDirectories(target.getParent());
    Files.writeString(target, out);
    return target;
  }
}
