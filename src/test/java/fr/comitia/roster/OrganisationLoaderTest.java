package fr.comitia.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.comitia.roster.BodyRules.QuorumRule;
import fr.comitia.roster.Organisation.Body;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

class OrganisationLoaderTest {

  static final Path FILE = Path.of("config", "organisation.yml");

  static Organisation shipped() {
    return OrganisationLoader.load(new FileSystemResource(FILE), "config/organisation.yml");
  }

  static String shippedText() throws IOException {
    return Files.readString(FILE);
  }

  @Test
  void theComiteSyndicalHasTheSeedsTwentyTwoMembersByCollectivity() {
    Organisation org = shipped();
    Body comite = org.body("comitesyndical").orElseThrow();

    assertThat(org.name()).isEqualTo("Syndicat mixte ouvert « Nord – Pas-de-Calais Numérique »");
    assertThat(comite.memberIds()).hasSize(22);
    assertThat(org.member(comite.presidentId()).orElseThrow().fullName()).isEqualTo("M. Christophe COULON");
    Map<String, Long> byCollectivity = comite.memberIds().stream()
        .map(id -> org.collectivity(org.member(id).orElseThrow().collectivityId()).orElseThrow().name())
        .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting()));
    assertThat(byCollectivity).containsExactlyInAnyOrderEntriesOf(Map.of(
        "Conseil régional des Hauts-de-France", 9L,
        "Département du Nord", 5L,
        "Département du Pas-de-Calais", 5L,
        "Collège ENT", 3L));
    assertThat(comite.memberIds().stream().map(id -> org.member(id).orElseThrow().fullName()))
        .startsWith("Mme Valérie BIEGALSKI", "Mme Emilie BOMMART", "M. Christophe COULON")
        .contains("Mme Bénédicte MESSEANNE-GROBELNY", "Mme Marie-Hélène QUATREBOEUF", "M. Jean-Louis DAUCHY")
        .endsWith("Mme Sophie WAROT-LEMAIRE", "M. André FIGOUREUX", "M. Jean-Louis DAUCHY");
    assertThat(org.members()).allSatisfy(m -> assertThat(m.email()).endsWith("example.org"));
  }

  @Test
  void theComiteSyndicalFollowsItsStatutsAndTheBureauTheCgct() {
    Organisation org = shipped();
    BodyRules comite = org.body("comitesyndical").orElseThrow().rules();
    assertThat(comite.convocationDelayClearDays()).isEqualTo(5);
    assertThat(comite.maxProxiesPerHolder()).isEqualTo(1);
    assertThat(comite.quorum().source()).isEqualTo(QuorumRule.Source.STATUTS);
    assertThat(comite.quorum().counting()).isEqualTo(QuorumRule.Counting.PRESENT_OR_REPRESENTED);
    assertThat(comite.quorum().threshold()).isEqualTo(QuorumRule.Threshold.MAJORITY);
    assertThat(comite.quorum().label()).isEqualTo("majorité des membres en exercice présents ou représentés");
    assertThat(org.body("comitesyndical").orElseThrow().firstNumberOfYear()).containsEntry(2022, 14);

    assertThat(comite.remoteAttendance()).isEqualTo(BodyRules.RemoteAttendance.NOT_ALLOWED);
    assertThat(comite.substituteNotice()).isEqualTo(BodyRules.SubstituteNotice.INFORMED);
    assertThat(comite.convocationDocuments()).isEqualTo(BodyRules.ConvocationDocuments.LINKS);

    // The bureau: the CGCT, but for videoconference under the EPCI regime (L5211-11-1), and its
    // convocations carry the drafts.
    Body bureau = org.body("bureau").orElseThrow();
    BodyRules cgct = BodyRules.cgct();
    assertThat(cgct.convocationDocuments()).isEqualTo(BodyRules.ConvocationDocuments.LINKS);
    assertThat(bureau.rules()).isEqualTo(new BodyRules(cgct.convocationDelayClearDays(), cgct.maxProxiesPerHolder(),
        cgct.quorum(), BodyRules.RemoteAttendance.PUBLIC_VOTES_ONLY, cgct.substituteNotice(),
        BodyRules.ConvocationDocuments.ATTACHED));
    assertThat(bureau.substitutes()).isEmpty();
    assertThat(bureau.inOfficeSince()).isEqualTo(LocalDate.of(2021, 9, 1));
    assertThat(org.partner("regionhdfent").orElseThrow().name())
        .isEqualTo("Conseil régional des Hauts-de-France — coordonnateur du groupement de commandes ENT");
    assertThat(org.accounts()).extracting(Organisation.Account::id)
        .containsExactly("directeur", "secretariat", "redacteur");
  }

  @Test
  void theCgctDefaultsAreNoVideoconferenceAndNoSubstitutes() {
    assertThat(BodyRules.cgct().remoteAttendance()).isEqualTo(BodyRules.RemoteAttendance.NOT_ALLOWED);
    assertThat(BodyRules.cgct().remoteAttendance().allowed()).isFalse();
    assertThat(BodyRules.cgct().substituteNotice()).isEqualTo(BodyRules.SubstituteNotice.INFORMED);
  }

  @Test
  void theCollegeEntDelegatesHaveOneSubstituteEachWhoSitsInNoBody() {
    Organisation org = shipped();
    Body comite = org.body("comitesyndical").orElseThrow();
    assertThat(comite.substitutes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "swarotlemaire", "mdelattre", "afigoureux", "pcarpentier", "jldauchy", "jbrunet"));
    assertThat(comite.titularOf("pcarpentier")).contains("afigoureux");
    assertThat(comite.titularOf("afigoureux")).isEmpty();
    for (String substitute : comite.substitutes().values()) {
      Organisation.Member m = org.member(substitute).orElseThrow();
      assertThat(m.email()).endsWith("@elus.example.org");
      assertThat(m.collectivityId()).isEqualTo("collegeent");
      assertThat(org.bodies()).allSatisfy(b -> assertThat(b.memberIds()).doesNotContain(substitute));
    }
    assertThat(org.members()).hasSize(25);
  }

  @Test
  void substitutesAreCheckedAtStartup() throws IOException {
    String text = broken("      afigoureux: pcarpentier\n", "      afigoureux: mdelattre\n");
    int line = lineOf(text, "      afigoureux: mdelattre");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(InvalidOrganisationException.class)
        .hasMessage("Organisation invalide — config/organisation.yml, ligne " + line
            + ", assemblée « comitesyndical », suppléants : « mdelattre » est déjà le suppléant de « swarotlemaire » "
            + "(un suppléant ne supplée qu'un titulaire).");
    assertThatThrownBy(() -> parse(broken("      afigoureux: pcarpentier\n", "      afigoureux: nobody\n")))
        .hasMessageContaining("suppléant « nobody » inconnu (absent de la liste members)");
    assertThatThrownBy(() -> parse(broken("      afigoureux: pcarpentier\n", "      afigoureux: lmonnet\n")))
        .hasMessageContaining("« lmonnet » est membre de l'assemblée : il ne peut pas y être suppléant");
    assertThatThrownBy(() -> parse(broken("      afigoureux: pcarpentier\n", "      pcarpentier: afigoureux\n")))
        .hasMessageContaining("le titulaire « pcarpentier » n'est pas membre de l'assemblée");
    assertThatThrownBy(() -> parse(broken("      afigoureux: pcarpentier\n",
        "      afigoureux: pcarpentier\n      afigoureux: mdelattre\n")))
        .hasMessageContaining("le titulaire « afigoureux » a deux suppléants (un seul par titulaire)");
  }

  @Test
  void remoteAttendanceAndSubstituteNoticeTakeTheirValuesOnly() throws IOException {
    assertThatThrownBy(() -> parse(broken("remoteAttendance: PUBLIC_VOTES_ONLY", "remoteAttendance: OUI")))
        .isInstanceOf(InvalidOrganisationException.class)
        .hasMessageContaining("assemblée « bureau », règles : « remoteAttendance » vaut « OUI », attendu : "
            + "NOT_ALLOWED ou ALLOWED ou PUBLIC_VOTES_ONLY");
    assertThatThrownBy(() -> parse(broken("substituteNotice: INFORMED", "substituteNotice: MAIL")))
        .hasMessageContaining("« substituteNotice » vaut « MAIL », attendu : CONVOKED ou INFORMED");
    Organisation convoked = parse(broken("substituteNotice: INFORMED", "substituteNotice: CONVOKED"));
    assertThat(convoked.body("comitesyndical").orElseThrow().rules().substituteNotice())
        .isEqualTo(BodyRules.SubstituteNotice.CONVOKED);
  }

  private static String broken(String from, String to) throws IOException {
    String text = shippedText();
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  private static int lineOf(String text, String fragment) {
    int index = text.indexOf(fragment);
    return (int) text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
  }

  private static Organisation parse(String text) {
    return OrganisationLoader.parse("config/organisation.yml", new StringReader(text));
  }

  @Test
  void aDuplicateIdIsNamedWithItsLine() throws IOException {
    String text = broken("{ id: ebommart,  ", "{ id: vbiegalski,");
    int line = lineOf(text, "{ id: vbiegalski,         civility: Mme, firstName: Emilie");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(InvalidOrganisationException.class)
        .hasMessage("Organisation invalide — config/organisation.yml, ligne " + line
            + ", membre « vbiegalski » : identifiant « vbiegalski » en double.");
  }

  @Test
  void aBadEmailIsNamedWithItsLine() throws IOException {
    String text = broken("luc.foutry@elus.example.org", "luc.foutry@");
    int line = lineOf(text, "luc.foutry@ }");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(InvalidOrganisationException.class)
        .hasMessage("Organisation invalide — config/organisation.yml, ligne " + line
            + ", membre « lfoutry » : adresse électronique invalide « luc.foutry@ ».");
  }

  @Test
  void aPresidentWhoIsNotAMemberIsRefused() throws IOException {
    String text = broken("    president: ccoulon\n    inOfficeSince: 2021-09-01\n    members: [ccoulon, bmesseannegrobelny",
        "    president: jldauchy\n    inOfficeSince: 2021-09-01\n    members: [ccoulon, bmesseannegrobelny");
    int line = lineOf(text, "  - id: bureau");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(InvalidOrganisationException.class)
        .hasMessage("Organisation invalide — config/organisation.yml, ligne " + line
            + ", assemblée « bureau » : le président « jldauchy » n'est pas membre de l'assemblée.");
  }

  @Test
  void anUnknownCollectivityIsRefusedWithTheKnownOnes() throws IOException {
    String text = broken("lastName: DAUCHY,              collectivity: collegeent",
        "lastName: DAUCHY,              collectivity: college");
    int line = lineOf(text, "{ id: jldauchy");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(InvalidOrganisationException.class)
        .hasMessage("Organisation invalide — config/organisation.yml, ligne " + line
            + ", membre « jldauchy » : collectivité « college » inconnue (déclarées : regionhdf, nord, pasdecalais, collegeent).");
  }

  @Test
  void otherFaultsAreNamedToo() throws IOException {
    assertThatThrownBy(() -> parse(broken("id: jldauchy, ", "id: JL-Dauchy,")))
        .hasMessageContaining("membre « JL-Dauchy » : identifiant « JL-Dauchy » invalide");
    assertThatThrownBy(() -> parse(broken("afigoureux, jldauchy]", "afigoureux, jldauchy, nobody]")))
        .hasMessageContaining("assemblée « comitesyndical » : membre « nobody » inconnu");
    assertThatThrownBy(() -> parse(broken("groups: [director]", "groups: [directors]")))
        .hasMessageContaining("compte « directeur » : groupe « directors » inconnu");
    assertThatThrownBy(() -> parse(broken("counting: PRESENT_OR_REPRESENTED", "counting: BOTH")))
        .hasMessageContaining("« counting » vaut « BOTH », attendu : PRESENT ou PRESENT_OR_REPRESENTED");
    assertThatThrownBy(() -> parse(broken("convocationDelayClearDays: 5", "convocationDelayClearDays: cinq")))
        .hasMessageContaining("« convocationDelayClearDays » doit être un nombre entier d'au moins 1 (lu : « cinq »)");
    assertThatThrownBy(() -> parse(broken("civility: Mme, firstName: Anne", "civility: Madame, firstName: Anne")))
        .hasMessageContaining("membre « avanpeene » : civilité « Madame » inconnue");
    assertThatThrownBy(() -> parse("members: [ {id: a"))
        .isInstanceOf(InvalidOrganisationException.class)
        .hasMessageStartingWith("Organisation invalide — config/organisation.yml, ligne 1, syntaxe YAML : erreur de syntaxe");
  }
}
