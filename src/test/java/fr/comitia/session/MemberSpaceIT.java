package fr.comitia.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Workflow;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The members' page behind the personal link of each convocation: the upcoming session with its
 * agenda, note and draft to download, the member's declaration and the link to change it, their
 * substitute; a draft of another session is not reachable through it, a forged link opens nothing.
 */
@ComitiaTest
class MemberSpaceIT {

  @Autowired Workflow flow;
  @Autowired GreenMail smtp;
  @Autowired TestRestTemplate rest;

  @Test
  void eachMemberFindsTheirSessionsAgendaAndDraftsBehindTheirLink() {
    flow.convoked("comitesyndical", "2027-05-03", "2027-05-13T18:00:00+02:00");
    flow.executeJobs();
    String other = flow.approvedDraft("bureau", "Marché de maintenance des bornes");
    List<jakarta.mail.internet.MimeMessage> mails = Mails.received(smtp, "andre.figoureux@elus.example.org",
        "Convocation — Comité syndical");
    assertThat(mails).hasSize(1);
    String link = Mails.memberSpaceLink(mails.get(0));

    TestRestTemplate anonymous = new TestRestTemplate();
    String base = rest.getRootUri();
    String page = anonymous.getForObject(base + link, String.class);
    assertThat(page).contains("lang=\"fr\"").contains("Espace personnel de M. André FIGOUREUX")
        .contains("Comité syndical — jeudi 13 mai 2027 à 18").contains("Rapport d&#39;activité 2027-05-03")
        .contains("Présence attendue").contains("/procuration/")
        .contains("Votre suppléant : M. Patrick CARPENTIER.").doesNotContain("(e)");
    // The draft of the agenda downloads through the link; a draft not on their agenda does not.
    java.util.regex.Matcher draft = java.util.regex.Pattern.compile("href=\"(/elus/[^\"]+/projets/[^\"]+\\.pdf)\"")
        .matcher(page);
    assertThat(draft.find()).isTrue();
    ResponseEntity<byte[]> pdf = anonymous.getForEntity(base + draft.group(1), byte[].class);
    assertThat(pdf.getStatusCode().value()).isEqualTo(200);
    assertThat(fr.comitia.support.Pdfs.text(pdf.getBody())).contains("Rapport d'activité 2027-05-03");
    ResponseEntity<String> notTheirs = anonymous.getForEntity(base + link + "/projets/" + other + ".pdf", String.class);
    assertThat(notTheirs.getStatusCode().value()).isEqualTo(404);
    assertThat(notTheirs.getBody()).contains("Document introuvable");

    ResponseEntity<String> forged = anonymous.getForEntity(base + "/elus/forged.token", String.class);
    assertThat(forged.getStatusCode().value()).isEqualTo(404);
    assertThat(forged.getBody()).contains("Lien invalide ou expiré").doesNotContain("FIGOUREUX");
  }
}
