package fr.comitia.legality;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIMULATED prefecture, for the demo profile and the tests (never {@code prod}): it checks the
 * message as the ACTES gateway does (internal number, nature, matière, PDF files, SIREN and
 * département), answers a transaction id that carries everything it needs (it keeps no state, so a
 * restart loses nothing), and acknowledges receipt {@code comitia.prefecture.simulated.acknowledgement-delay}
 * after the submission with an ARActe naming the ACTES id {@code {département}-{SIREN}-{yyyyMMdd}-{number}-DE}.
 */
class SimulatedPrefectureGateway implements PrefectureGateway {

  static final String NAME = "simulated";
  private static final Pattern TRANSACTION = Pattern.compile("SIMULATION-(.+-DE)-(\\d+)");
  private static final Pattern NUMBER = Pattern.compile("[A-Z0-9_]{1,15}");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Clock clock;
  private final Duration delay;

  SimulatedPrefectureGateway(Clock clock, Duration delay) {
    this.clock = clock;
    this.delay = delay;
  }

  @Override
  public Submission submit(ActesMessage m) {
    List<String> faults = new ArrayList<>();
    if (m.internalNumber() == null || !NUMBER.matcher(m.internalNumber()).matches()) {
      faults.add("numéro interne « " + m.internalNumber() + " » invalide (lettres majuscules, chiffres et _, 15 au plus)");
    }
    if (m.natureCode() == null || !m.natureCode().matches("[1-6]")) {
      faults.add("nature « " + m.natureCode() + " » inconnue");
    }
    if (m.matiere() == null || !m.matiere().matches("\\d+(\\.\\d+){0,4}")) {
      faults.add("matière « " + m.matiere() + " » invalide");
    }
    if (m.siren() == null || !m.siren().matches("\\d{9}") || m.departement() == null) {
      faults.add("SIREN ou département de la collectivité manquant");
    }
    if (m.subject() == null || m.subject().isBlank() || m.subject().length() > 500) {
      faults.add("objet vide ou de plus de 500 caractères");
    }
    if (!isPdf(m.act())) {
      faults.add("l'acte n'est pas un PDF");
    }
    for (ActesFile annex : m.annexes()) {
      if (!isPdf(annex)) {
        faults.add("l'annexe « " + annex.fileName() + " » n'est pas un PDF");
      }
    }
    if (!faults.isEmpty()) {
      return Submission.refused("Préfecture simulée : " + String.join(" ; ", faults) + ".");
    }
    String actesId = m.departement() + "-" + m.siren() + "-" + DAY.format(m.decisionDate()) + "-"
        + m.internalNumber() + "-DE";
    return Submission.accepted("SIMULATION-" + actesId + "-" + clock.instant().getEpochSecond());
  }

  @Override
  public Status status(String transactionId) {
    Matcher t = TRANSACTION.matcher(transactionId);
    if (!t.matches()) {
      return Status.refused("Préfecture simulée : transaction « " + transactionId + " » inconnue.");
    }
    Instant acknowledged = Instant.ofEpochSecond(Long.parseLong(t.group(2))).plus(delay);
    if (clock.instant().isBefore(acknowledged)) {
      return Status.transmitted();
    }
    OffsetDateTime at = acknowledged.atZone(ZoneId.of("Europe/Paris")).toOffsetDateTime();
    String xml = """
        <?xml version="1.0" encoding="ISO-8859-1"?>
        <!-- Préfecture SIMULÉE par Comitia (profil de démonstration) : cet accusé n'a aucune valeur légale. -->
        <actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" actes:IDActe="%s" actes:DateReception="%s"/>
        """.formatted(t.group(1), at.toLocalDate());
    return new Status(State.ACKNOWLEDGED, t.group(1), at, null, xml.getBytes(StandardCharsets.ISO_8859_1), null);
  }

  private static boolean isPdf(ActesFile file) {
    byte[] c = file == null ? null : file.content();
    return c != null && c.length > 4 && c[0] == '%' && c[1] == 'P' && c[2] == 'D' && c[3] == 'F';
  }
}
