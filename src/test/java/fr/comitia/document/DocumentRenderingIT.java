package fr.comitia.document;

import fr.comitia.platform.FrenchDates;
import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecord.Attendance;
import fr.comitia.register.DeliberationRecord.AttendanceLine;
import fr.comitia.register.DeliberationRecord.BodyInfo;
import fr.comitia.register.DeliberationRecord.Person;
import fr.comitia.register.DeliberationRecord.Quorum;
import fr.comitia.register.DeliberationRecord.SessionInfo;
import fr.comitia.register.DeliberationRecord.Vote;
import fr.comitia.register.Draft.Article;
import fr.comitia.support.Workflow;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rendering is safe: text typed by users is escaped in the HTML and printed as text in the PDF; a
 * 200-member body and a long preamble paginate with the attendance table's header on every page;
 * the names of a public roll-call vote are printed.
 */
@ComitiaTest
class DocumentRenderingIT {

  static final String HOSTILE_OBJECT = "<script>alert(1)</script> & Cie";

  @Autowired ExtractService extracts;
  @Autowired DraftDocuments drafts;
  @Autowired JdbcClient jdbc;
  @Autowired Workflow flow;

  @Test
  void textTypedByUsersIsEscapedInTheHtmlAndPrintedAsTextInThePdf() {
    Map<String, Object> draft = new LinkedHashMap<>(flow.resource("/seed/deliberation-2022-14.json"));
    draft.put("object", HOSTILE_OBJECT);
    draft.put("articles", List.of(Map.of("verb", "DECIDE", "text",
        "de publier <b>ceci</b> & <img src=x onerror=alert(2)> tel quel, « œuvre » comprise")));
    draft.put("visas", List.of("Vu le code <i>général</i> des collectivités & territoires,"));
    String id = flow.submit(draft);

    String html = flow.as("directeur").getForObject("/api/deliberations/" + id + "/extract.html", String.class);
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Cie")
        .contains("de publier &lt;b&gt;ceci&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt; tel quel")
        .contains("le code &lt;i&gt;général&lt;/i&gt; des collectivités &amp; territoires,")
        .doesNotContain("<script>").doesNotContain("<img").doesNotContain("<i>général");

    ResponseEntity<byte[]> pdf = flow.as("directeur").getForEntity("/api/deliberations/" + id + "/extract.pdf",
        byte[].class);
    assertThat(pdf.getStatusCode().value()).isEqualTo(200);
    String text = Pdfs.text(Pdfs.keep("echappement.pdf", pdf.getBody()));
    assertThat(text)
        .contains("Objet : " + HOSTILE_OBJECT)
        .contains("Article 1 : DECIDE de publier <b>ceci</b> & <img src=x onerror=alert(2)> tel quel, « œuvre » comprise")
        .contains("Vu le code <i>général</i> des collectivités & territoires,");
    assertThat(Pdfs.text(drafts.draftPdf(id))).contains("Objet : " + HOSTILE_OBJECT);
  }

  @Test
  void aBodyOf200MembersAndALongPreamblePaginateWithTheHeaderOnEveryPage() {
    List<AttendanceLine> members = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      String status = i <= 150 ? "PRESENT" : i <= 180 ? "EXCUSED" : "ABSENT";
      boolean proxy = i > 150 && i <= 160;
      members.add(new AttendanceLine("m" + i, i % 2 == 0 ? "Mme" : "M.", "Prénom" + i, "MEMBRE" + i,
          "Collectivité " + ((i - 1) / 25 + 1), status, proxy ? "m" + (i - 150) : null,
          proxy ? "M. MEMBRE" + (i - 150) : null));
    }
    String preamble = String.join("\n\n", IntStream.rangeClosed(1, 40)
        .mapToObj(i -> "Paragraphe " + i + " du préambule : l'assemblée rappelle que « la maîtrise d'œuvre » "
            + "et l'exécution des travaux font l'objet d'un marché distinct, conclu pour une durée de quatre ans "
            + "et reconductible une fois, après mise en concurrence des entreprises du territoire.")
        .toList());
    Person president = new Person("ccoulon", "M.", "Christophe", "COULON");
    DeliberationRecord record = new DeliberationRecord("D1", "2031-7", "SIGNED", "Signée",
        "Syndicat mixte ouvert « Nord – Pas-de-Calais Numérique »",
        new BodyInfo("grandconseil", "Grand conseil", "grand conseil", "Le Président du Syndicat mixte", president),
        "Approbation du marché de travaux", null, preamble,
        List.of("Vu le code général des collectivités territoriales,"), "Sur proposition du Président",
        List.of(new Article("APPROUVE", "le marché.")), List.of("Pièce du marché"), List.of(),
        new SessionInfo("S1", OffsetDateTime.parse("2031-03-04T18:00:00+01:00"), "Arras", LocalDate.of(2031, 2, 25),
            false, null, false, president, null, 3),
        new Attendance(200, 150, 20, 30, 10, members),
        new Quorum("majorité des membres en exercice présents", "STATUTS", 200, 150, 10, 150, 101, true,
            "Le quorum étant atteint, le grand conseil peut valablement délibérer.",
            "150 présents sur 200 membres en exercice, 101 requis"),
        new Vote("ADOPTED", false, 160, 150, 5, 5, 0, 155, false, null, OffsetDateTime.now(), "ROLL_CALL", null),
        null, List.of(), null, OffsetDateTime.now(), "1", "Délibérations", "1.1",
        "Commande publique / Marchés publics", List.of(), null, null, null, List.of());
    List<RollCallVotes.BallotGroup> ballots = RollCallVotes.group(List.of(
        Map.entry("FOR", "M. Prénom1 MEMBRE1"), Map.entry("AGAINST", "Mme Prénom2 MEMBRE2"),
        Map.entry("FOR", "M. Prénom3 MEMBRE3"), Map.entry("ABSTAIN", "Mme Prénom4 MEMBRE4")));

    byte[] pdf = Pdfs.keep("pagination-200.pdf", extracts.pdf(record, ballots));
    List<String> pages = Pdfs.pages(pdf);
    assertThat(pages.size()).isGreaterThanOrEqualTo(5);
    List<String> withMembers = pages.stream().filter(p -> p.contains("\u25A1")).toList();
    assertThat(withMembers.size()).isGreaterThanOrEqualTo(4);
    assertThat(withMembers).allSatisfy(page ->
        assertThat(page).contains("Collectivité Membre Présents Absents Excusés Pouvoir à"));
    String text = Pdfs.text(pdf);
    for (int i = 1; i <= 200; i++) {
      assertThat(text).contains("Prénom" + i + " MEMBRE" + i + " ");
    }
    assertThat(text)
        .contains("M. Prénom151 MEMBRE151 □ □ ⊠ M. MEMBRE1")
        .contains("150 20 30 10")
        .contains("Paragraphe 40 du préambule").contains("Point n° 3 de l'ordre du jour")
        .contains("Scrutin public : ont voté pour : M. Prénom1 MEMBRE1, M. Prénom3 MEMBRE3 ; ont voté contre : "
            + "Mme Prénom2 MEMBRE2 ; se sont abstenus : Mme Prénom4 MEMBRE4.");
    assertThat(pages.get(pages.size() - 1)).contains("Pour extrait conforme").contains("Annexe : Pièce du marché")
        .contains("Page " + pages.size() + " / " + pages.size());
    assertThat(Pdfs.fonts(pdf)).allSatisfy(font -> assertThat(font.isEmbedded()).as(font.getName()).isTrue());
  }

  @Test
  void theConvocationShowsTheUrgencyAndTheReconvocationWithoutQuorumCondition() {
    String session = flow.createSession("comitesyndical", "2031-03-04T18:00:00+01:00", "Arras, salle <b>du conseil</b>");
    jdbc.sql("""
            update comitia.assembly_session set urgent = true, urgency_reason = 'Subvention <à> déposer & signer',
                   quorum_required = false, convocation_date = date '2031-03-02' where id = :id""")
        .param("id", session).update();
    String text = Pdfs.text(Pdfs.keep("convocation-urgente.pdf", drafts.convocationPdf(session)));
    assertThat(text)
        .contains("qui se tiendra le mardi quatre mars deux mille trente-et-un à 18 h 00, à Arras, salle <b>du conseil</b>.")
        .contains("Convocation en urgence (CGCT L2121-11) : Subvention <à> déposer & signer.")
        .contains("il délibérera valablement sans condition de quorum (CGCT L2121-17)")
        .contains("L'ordre du jour n'est pas encore établi.")
        .contains("Fait le deux mars deux mille trente-et-un.");
    assertThat(drafts.convocationHtml(session)).contains("Subvention &lt;à&gt; déposer &amp; signer")
        .doesNotContain("<b>du conseil</b>");
  }

  @Test
  void datesAreWrittenInFrenchWords() {
    assertThat(FrenchDates.inWords(LocalDate.of(2022, 6, 16))).isEqualTo("seize juin deux mille vingt-deux");
    assertThat(FrenchDates.inWords(LocalDate.of(2022, 7, 1))).isEqualTo("premier juillet deux mille vingt-deux");
    assertThat(FrenchDates.withWeekdayInWords(LocalDate.of(2022, 6, 10)))
        .isEqualTo("vendredi dix juin deux mille vingt-deux");
    assertThat(FrenchDates.time(java.time.LocalTime.of(10, 0))).isEqualTo("10\u00A0h\u00A000");
  }
}
