package fr.comitia.session;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.mail.MailTemplates;
import fr.comitia.roster.BodyRules;
import fr.comitia.roster.BodyRules.RemoteAttendance;
import fr.comitia.roster.BodyRules.SubstituteNotice;
import fr.comitia.roster.Organisation.Body;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who is convoked besides the members (substituteNotice CONVOKED), and what a substitute's convocation says. */
class SubstituteNoticesTest {

  static Body comite(SubstituteNotice notice) {
    BodyRules cgct = BodyRules.cgct();
    return new Body("comitesyndical", "Comité syndical", "comité syndical", "Le Président", "ccoulon",
        List.of("ccoulon", "afigoureux", "jldauchy"), LocalDate.of(2021, 9, 1),
        new BodyRules(5, 1, cgct.quorum(), RemoteAttendance.NOT_ALLOWED, notice), Map.of(),
        Map.of("afigoureux", "pcarpentier", "jldauchy", "jbrunet"));
  }

  static final SubstituteNotices NOTICES = new SubstituteNotices(null, null, null, null, null);

  @Test
  void underConvokedEachSubstituteOfAMemberInOfficeIsConvokedUnderInformedNone() {
    assertThat(NOTICES.convoked(comite(SubstituteNotice.CONVOKED), List.of("ccoulon", "afigoureux", "jldauchy")))
        .containsExactly("pcarpentier", "jbrunet");
    // A titular no longer in office convokes nobody.
    assertThat(NOTICES.convoked(comite(SubstituteNotice.CONVOKED), List.of("ccoulon", "jldauchy")))
        .containsExactly("jbrunet");
    assertThat(NOTICES.convoked(comite(SubstituteNotice.INFORMED), List.of("ccoulon", "afigoureux", "jldauchy")))
        .isEmpty();
  }

  @Test
  void aSubstitutesConvocationSaysWhoseSeatTheyMayTakeAndCarriesNoProxyLink() {
    Map<String, Object> model = new HashMap<>();
    model.put("salutation", "Monsieur");
    model.put("assembly", "comité syndical");
    model.put("when", "jeudi 20 mai 2027 à 10 h 00");
    model.put("place", "Lille");
    model.put("reconvened", false);
    model.put("urgent", false);
    model.put("agenda", List.of());
    model.put("proxyLink", null);
    model.put("president", "M. Christophe COULON");
    model.put("presidentTitle", "Président");
    model.put("titular", "M. André FIGOUREUX");
    model.put("substituteWord", "suppléant");
    model.put("titularPronoun", "il");
    model.put("ifTitular", "s'il");
    model.put("titularAbsent", "absent ou excusé");
    MailTemplates.Body body = new MailTemplates().render("convocation", model);
    assertThat(body.text()).contains("Vous êtes convoqué en qualité de suppléant de M. André FIGOUREUX : vous ne "
        + "siégerez que s'il est absent ou excusé sans avoir donné pouvoir.").doesNotContain("procuration")
        .doesNotContain("lien personnel");
    assertThat(body.html()).contains("en qualité de <span>suppléant</span> de <b>M. André FIGOUREUX</b>")
        .doesNotContain("lien personnel");

    // A member's convocation is as before.
    model.put("titular", null);
    model.put("proxyLink", "https://comitia.example.org/procuration/abc");
    assertThat(new MailTemplates().render("convocation", model).text()).doesNotContain("en qualité de")
        .contains("https://comitia.example.org/procuration/abc");
  }
}
