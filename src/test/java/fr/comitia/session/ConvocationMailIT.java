package fr.comitia.session;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.ATTENDANCE;
import static fr.comitia.session.SessionVariables.PRESIDING_MEMBER_ID;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Workflow;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/** The convocation mail as a member receives it, and the proxy page behind its personal link. */
@ComitiaTest
class ConvocationMailIT {

  @Autowired TestRestTemplate rest;
  @Autowired RuntimeService runtimeService;
  @Autowired GreenMail smtp;
  @Autowired Workflow flow;

  /** A bureau session on {@code sessionDate} with one approved draft, convoked; returns its id. */
  String convokedSession(String draftedOn, String signedOn, String sessionDate, boolean urgent, String reason) {
    Workflow.clockAt(draftedOn);
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("bodyId", "bureau");
    draft.put("object", "Tarifs 2027 du service <ENT> & des écoles");
    draft.put("note", "Note : les tarifs augmentent de 2 % « à périmètre constant ».");
    draft.put("rapporteurId", "avanpeene");
    draft.put("articles", List.of(Map.of("verb", "FIXE", "text", "les tarifs annexés.")));
    draft.put("matiere", "7.2");
    String id = flow.submit(draft);
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    String session = flow.createSession("bureau", sessionDate, "Lille, salle du conseil");
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(id)));
    Workflow.clockAt(signedOn);
    Map<String, Object> signature = new LinkedHashMap<>();
    signature.put("urgent", urgent);
    if (reason != null) {
      signature.put("urgencyReason", reason);
    }
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, signature);
    return session;
  }

  /** Mails received by {@code address} whose subject names {@code when} (each test has its own dates). */
  List<MimeMessage> mailsTo(String address, String when) {
    return Mails.received(smtp, address, when);
  }

  static String attachment(Part part, String fileName) throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = attachment(multipart.getBodyPart(i), fileName);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    if (fileName.equals(part.getFileName())) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ((BodyPart) part).getDataHandler().writeTo(out);
      return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
    return null;
  }

  @Test
  void eachMemberReceivesOneConvocationWithTheAgendaTheNoteTheInvitationAndAProxyLink() throws Exception {
    String session = convokedSession("2027-01-04T09:00:00+01:00", "2027-01-05T10:00:00+01:00",
        "2027-01-14T18:30:00+01:00", false, null);
    flow.executeJobs();

    List<MimeMessage> toMonnet = mailsTo("luc.monnet@elus.example.org", "14 janvier 2027");
    assertThat(toMonnet).hasSize(1);
    MimeMessage mail = toMonnet.get(0);
    assertThat(mail.getSubject()).isEqualTo("Convocation — Bureau du jeudi 14 janvier 2027 à 18 h 30");
    assertThat(mail.getMessageID()).isEqualTo("<convocation-" + session + "-1-lmonnet@comitia.example.org>");
    String text = Mails.text(mail);
    String html = Mails.html(mail);
    assertThat(text).startsWith("Monsieur,")
        .contains("J'ai l'honneur de vous convoquer à la séance du bureau, qui se tiendra le jeudi 14 janvier 2027 à "
            + "18 h 30, Lille, salle du conseil.")
        .contains("1. Tarifs 2027 du service <ENT> & des écoles")
        .contains("Rapporteur : Mme Anne VANPEENE")
        .contains("Note explicative : Note : les tarifs augmentent de 2 % « à périmètre constant ».")
        .contains("M. Christophe COULON")
        .doesNotContain("urgence");
    assertThat(html).contains("Tarifs 2027 du service &lt;ENT&gt; &amp; des écoles").doesNotContain("<ENT>");
    Matcher link = Pattern.compile("https?://[^/\\s]+(/procuration/[A-Za-z0-9_.=-]+)").matcher(text);
    assertThat(link.find()).isTrue();

    assertThat(attachment(mail, "convocation-" + session + ".pdf")).startsWith("%PDF");
    assertThat(fileNames(mail)).anySatisfy(n -> assertThat(n).matches("projet-1-D\\d+\\.pdf"));
    String ics = attachment(mail, "convocation.ics");
    assertThat(ics).contains("METHOD:REQUEST").contains("BEGIN:VTIMEZONE").contains("TZID:Europe/Paris")
        .contains("DTSTART;TZID=Europe/Paris:20270114T183000")
        .contains("UID:session-" + session + "@comitia")
        .contains("ATTENDEE").contains("mailto:luc.monnet@elus.example.org")
        .contains("LOCATION:Lille\\, salle du conseil");
    // The same invitation is the body's third alternative, where mail clients offer to accept it.
    assertThat(Mails.calendarAlternative(mail)).startsWith("text/calendar; method=REQUEST; charset=UTF-8: ")
        .endsWith(": " + ics);
    assertThat(mailsTo("benedicte.messeanne-grobelny@elus.example.org", "14 janvier 2027").get(0).getSubject())
        .isEqualTo(mail.getSubject());
    assertThat(Mails.text(mailsTo("benedicte.messeanne-grobelny@elus.example.org", "14 janvier 2027").get(0)))
        .startsWith("Madame,");
    assertThat(Mails.received(smtp, null, "14 janvier 2027")).hasSize(5);

    // A second run of the jobs (nothing left) sends nothing more.
    flow.executeJobs();
    assertThat(Mails.received(smtp, null, "14 janvier 2027")).hasSize(5);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> proof = rest.withBasicAuth("secretariat", "secretariat-demo")
        .getForObject("/api/sessions/" + session + "/convocations", List.class);
    assertThat(proof).hasSize(5).allSatisfy(d -> assertThat(d).containsEntry("status", "SENT"));
  }

  /**
   * The comité syndical's convocations are light (convocationDocuments LINKS): each carries the
   * convocation PDF and the invitation only; every draft and annex file is one link to the member's
   * page. The convocation and each draft are rendered once for the whole round and kept in the
   * register with their SHA-256: every member receives the same bytes.
   */
  @Test
  void aLightConvocationLinksTheDraftsBuiltOnceForTheWholeRound(@Autowired JdbcClient jdbc) throws Exception {
    Workflow.clockAt("2027-05-03T09:00:00+02:00");
    List<String> agenda = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      Map<String, Object> draft = new LinkedHashMap<>();
      draft.put("bodyId", "comitesyndical");
      draft.put("object", "Point " + i + " de la séance du 20 mai 2027");
      draft.put("preamble", ("Exposé du point " + i + " : ").repeat(40));
      draft.put("articles", List.of(Map.of("verb", "DECIDE", "text", "d'approuver le point " + i + ".")));
      draft.put("matiere", "5.2");
      String id = flow.submit(draft);
      if (i == 1) {
        assertThat(flow.joinAnnex("redacteur", id, fr.comitia.support.Pdfs.onePage("Convention du point 1"),
            "convention.pdf", "Convention de groupement").getStatusCode().value()).isEqualTo(201);
      }
      flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
      agenda.add(id);
    }
    String session = flow.sessionWithAgenda("comitesyndical", "2027-05-20T18:00:00+02:00", agenda);
    Workflow.clockAt("2027-05-10T09:00:00+02:00");
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of("urgent", false));
    long statements = fr.comitia.support.StatementCounter.count(flow::executeJobs).registerStatements();

    List<MimeMessage> round = Mails.received(smtp, null, "20 mai 2027");
    assertThat(round).hasSize(22);
    // What every member is sent alike (agenda, notes, annexes, the convocation's PDF) is built once for the
    // round: a member's mail then costs a few statements (session, digest, seats, the mail's claim), not a
    // few per item of the agenda (the first mail builds the round: ten drafts and the convocation), and three
    // for its proof of sending in the evidence journal (the last entry, the entry, its time-stamp token).
    assertThat(statements).as("register statements of the round's 22 jobs").isLessThanOrEqualTo(22 * (10 + 3));
    TestRestTemplate anonymous = new TestRestTemplate();
    java.util.Set<String> convocationDigests = new java.util.HashSet<>();
    for (MimeMessage mail : round) {
      assertThat(Mails.fileNames(mail)).as(mail.getAllRecipients()[0].toString())
          .containsExactlyInAnyOrder("convocation-" + session + ".pdf", "convocation.ics");
      java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
      mail.writeTo(raw);
      assertThat(raw.size()).as("octets of the mail to %s", mail.getAllRecipients()[0]).isLessThan(150 * 1024);
      convocationDigests.add(fr.comitia.support.Pdfs.sha256(Mails.attachment(mail, "convocation-" + session + ".pdf")));
    }
    assertThat(convocationDigests).hasSize(1);

    MimeMessage luc = mailsTo("luc.monnet@elus.example.org", "20 mai 2027").get(0);
    String text = Mails.text(luc);
    assertThat(text).contains("La convocation (ordre du jour et notes explicatives) est jointe à ce courriel")
        .contains("Les projets de délibération et leurs annexes sont sur votre espace personnel")
        .doesNotContain("Les projets de délibération et la convocation sont joints");
    Matcher drafts = Pattern.compile("Projet de délibération : (https?://[^\\s]+/elus/[^/\\s]+/projets/(D\\d+)\\.pdf)")
        .matcher(text);
    List<String> linked = new ArrayList<>();
    while (drafts.find()) {
      linked.add(drafts.group(2));
      ResponseEntity<byte[]> pdf = anonymous.getForEntity(rest.getRootUri()
          + drafts.group(1).replaceFirst("^https?://[^/]+", ""), byte[].class);
      assertThat(pdf.getStatusCode().value()).isEqualTo(200);
      assertThat(fr.comitia.support.Pdfs.text(pdf.getBody())).contains("Point " + (linked.size()) + " de la séance");
    }
    assertThat(linked).containsExactlyElementsOf(agenda);
    Matcher annex = Pattern.compile("Annexe 1 — Convention de groupement : (https?://\\S+/annexes/\\d+\\.pdf)")
        .matcher(text);
    assertThat(annex.find()).isTrue();
    assertThat(fr.comitia.support.Pdfs.text(anonymous.getForEntity(rest.getRootUri()
        + annex.group(1).replaceFirst("^https?://[^/]+", ""), byte[].class).getBody())).contains("Convention du point 1");
    assertThat(Mails.html(luc)).contains("Projet de délibération (PDF)").contains("Annexe 1 — Convention de groupement (PDF)");

    // Built once: one convocation for the round, one PDF per draft, all kept with their digests.
    assertThat(jdbc.sql("select count(*) from comitia.document where owner_id = :s and kind = 'CONVOCATION_PDF'")
        .param("s", session).query(Long.class).single()).isEqualTo(1);
    assertThat(jdbc.sql("select sha256 from comitia.document where owner_id = :s and kind = 'CONVOCATION_PDF'")
        .param("s", session).query(String.class).single()).isEqualTo(convocationDigests.iterator().next());
    assertThat(jdbc.sql("select count(*) from comitia.document where kind = 'DRAFT_PDF' and owner_id in (:ids)")
        .param("ids", agenda).query(Long.class).single()).isEqualTo(10);
    // Asked again, the same copy: nothing rendered, nothing added.
    rest.withBasicAuth("secretariat", "secretariat-demo").getForEntity("/api/sessions/" + session + "/convocation.pdf",
        byte[].class);
    assertThat(jdbc.sql("select count(*) from comitia.document where owner_id = :s and kind = 'CONVOCATION_PDF'")
        .param("s", session).query(Long.class).single()).isEqualTo(1);
  }

  /**
   * The round is built once, but never outlives the register: were a draft to change while the
   * convocations go out (no user path changes a scheduled draft; here its row is changed in SQL),
   * every member mailed after it reads the new text (the register's digest of the session changed).
   */
  @Test
  void aRoundIsBuiltAgainWhenTheRegisterChangesDuringIt(@Autowired org.camunda.bpm.engine.ManagementService
      management, @Autowired JdbcClient jdbc) throws Exception {
    Workflow.clockAt("2027-09-01T09:00:00+02:00");
    List<String> agenda = List.of(flow.approvedDraft("comitesyndical", "Programme de travaux 2028"),
        flow.approvedDraft("comitesyndical", "Convention avec le Département"));
    String session = flow.sessionWithAgenda("comitesyndical", "2027-09-23T18:00:00+02:00", agenda);
    Workflow.clockAt("2027-09-15T09:00:00+02:00");
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of("urgent", false));
    // The jobs one by one, until a first member has been mailed.
    while (Mails.received(smtp, null, "23 septembre 2027").isEmpty()) {
      management.executeJob(management.createJobQuery().executable().messages().list().get(0).getId());
    }
    jdbc.sql("update comitia.deliberation set note = 'Note rectifiée : la convention court jusqu''en 2030.' "
        + "where id = :id").param("id", agenda.get(1)).update();
    flow.executeJobs();

    List<MimeMessage> round = Mails.received(smtp, null, "23 septembre 2027");
    assertThat(round).hasSize(22);
    assertThat(round.stream().filter(m -> Mails.text(m).contains("la convention court jusqu'en 2030")).count())
        .isEqualTo(21);
  }

  @Test
  void anUrgentConvocationSaysSoWithItsReason() throws Exception {
    convokedSession("2027-02-01T09:00:00+01:00", "2027-02-08T10:00:00+01:00", "2027-02-11T09:00:00+01:00", true,
        "Délai de réponse à l'appel d'offres expirant le 12 février");
    flow.executeJobs();
    MimeMessage mail = mailsTo("luc.monnet@elus.example.org", "11 février 2027").get(0);
    assertThat(mail.getSubject()).endsWith("(urgence)");
    assertThat(Mails.text(mail)).contains("Convocation en urgence (CGCT L2121-11) : Délai de réponse à l'appel "
        + "d'offres expirant le 12 février");
    assertThat(Mails.html(mail)).contains("Convocation en urgence");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMemberDeclaresAnAbsenceAndAProxyThatTheRollCallShowsAndMayWithdrawIt() throws Exception {
    String session = convokedSession("2027-03-01T09:00:00+01:00", "2027-03-02T10:00:00+01:00",
        "2027-03-11T18:00:00+01:00", false, null);
    flow.executeJobs();
    String avanpeeneLink = proxyLink(mailsTo("anne.vanpeene@elus.example.org", "11 mars 2027").get(0));
    String bartholomeusLink = proxyLink(mailsTo("gregory.bartholomeus@elus.example.org", "11 mars 2027").get(0));
    TestRestTemplate anonymous = new TestRestTemplate();
    String base = rest.getRootUri();

    ResponseEntity<String> page = anonymous.getForEntity(base + avanpeeneLink, String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("Mme Anne VANPEENE").contains("M. Luc MONNET")
        .doesNotContain("<option value=\"avanpeene\"")
        // Worded for her: « Excusée », « Absente », and the limit in words (one proxy each on the bureau).
        .contains("Excusée").contains("Absente").contains("Un membre peut détenir au plus 1 pouvoir pour cette séance.")
        .doesNotContain("(e)").doesNotContain("(s)");

    assertThat(post(anonymous, base + avanpeeneLink, Map.of("status", "EXCUSED", "holderId", "lmonnet")).getBody())
        .contains("Votre déclaration est enregistrée.");
    // The notice goes from its own job (process mailDelivery), after the declaration's commit.
    flow.executeJobs();
    List<MimeMessage> told = Mails.received(smtp, "luc.monnet@elus.example.org", "Pouvoir reçu");
    assertThat(told).hasSize(1);
    assertThat(told.get(0).getSubject()).startsWith("Pouvoir reçu de Mme Anne VANPEENE — Bureau du jeudi 11 mars 2027");

    // M. MONNET already holds the one proxy allowed: he is no longer offered to another member.
    String other = anonymous.getForObject(base + bartholomeusLink, String.class);
    assertThat(other).doesNotContain("<option value=\"lmonnet\"");
    assertThat(post(anonymous, base + bartholomeusLink, Map.of("status", "ABSENT", "holderId", "lmonnet")).getBody())
        .contains("Pouvoir refusé : M. Luc MONNET ne peut pas recevoir votre pouvoir");

    Workflow.clockAt("2027-03-11T18:00:00+01:00");
    flow.executeJobs();
    List<Map<String, Object>> prefilled = (List<Map<String, Object>>) org.camunda.spin.Spin.JSON(
        runtimeService.getVariable(flow.task(session, TASK_ROLL_CALL).getProcessInstanceId(), "attendance").toString())
        .mapTo(List.class);
    assertThat(prefilled).hasSize(5);
    assertThat(prefilled).filteredOn(e -> e.get("memberId").equals("avanpeene")).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("status", "EXCUSED").containsEntry("proxyHolderId", "lmonnet"));
    assertThat(prefilled).filteredOn(e -> e.get("memberId").equals("ccoulon")).singleElement()
        .satisfies(e -> assertThat(e).containsEntry("status", "PRESENT"));
  }

  @Test
  void aDeclarationCanBeWithdrawnAndAWrongOrSpentLinkShowsNobodysData() throws Exception {
    String session = convokedSession("2027-04-01T09:00:00+02:00", "2027-04-02T10:00:00+02:00",
        "2027-04-13T18:00:00+02:00", false, null);
    flow.executeJobs();
    String link = proxyLink(mailsTo("anne.vanpeene@elus.example.org", "13 avril 2027").get(0));
    TestRestTemplate anonymous = new TestRestTemplate();
    String base = rest.getRootUri();
    post(anonymous, base + link, Map.of("status", "EXCUSED", "holderId", "gbartholomeus"));
    assertThat(post(anonymous, base + link, Map.of("action", "revoke")).getBody())
        .contains("Votre déclaration est retirée : vous êtes attendue à la séance.");
    flow.executeJobs();
    assertThat(Mails.received(smtp, "gregory.bartholomeus@elus.example.org", "Pouvoir retiré")).singleElement()
        .satisfies(m -> assertThat(m.getSubject()).startsWith("Pouvoir retiré par Mme Anne VANPEENE"))
        .satisfies(m -> assertThat(Mails.text(m)).contains("Mme Anne VANPEENE a retiré le pouvoir qu'elle vous "
            + "avait donné").doesNotContain("il ou elle"));

    String tampered = link.substring(0, link.length() - 3) + (link.endsWith("A") ? "BBB" : "AAA");
    ResponseEntity<String> wrong = anonymous.getForEntity(base + tampered, String.class);
    assertThat(wrong.getStatusCode().value()).isEqualTo(404);
    assertThat(wrong.getBody()).contains("Lien invalide ou expiré").doesNotContain("VANPEENE");

    // At the opening the roll call is not taken yet: the member may still change her mind.
    Workflow.clockAt("2027-04-13T18:00:00+02:00");
    flow.executeJobs();
    assertThat(anonymous.getForEntity(base + link, String.class).getStatusCode().value()).isEqualTo(200);
    // Once the roll call is recorded, the link is spent.
    List<Map<String, Object>> everyone = new ArrayList<>();
    for (String m : List.of("ccoulon", "bmesseannegrobelny", "gbartholomeus", "avanpeene", "lmonnet")) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("memberId", m);
      e.put("status", "PRESENT");
      e.put("proxyHolderId", null);
      everyone.add(e);
    }
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, everyone, PRESIDING_MEMBER_ID, "ccoulon",
        "sessionSecretaryId", "lmonnet"));
    ResponseEntity<String> spent = anonymous.getForEntity(base + link, String.class);
    assertThat(spent.getStatusCode().value()).isEqualTo(404);
    assertThat(spent.getBody()).contains("Lien invalide ou expiré").doesNotContain("VANPEENE");
  }

  static List<String> fileNames(Part part) {
    return Mails.fileNames(part);
  }

  static String proxyLink(MimeMessage mail) {
    Matcher link = Pattern.compile("https?://[^/\\s]+(/procuration/[A-Za-z0-9_.=-]+)").matcher(Mails.text(mail));
    assertThat(link.find()).isTrue();
    return link.group(1);
  }

  static ResponseEntity<String> post(TestRestTemplate client, String url, Map<String, String> form) {
    LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
    form.forEach(body::add);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return client.exchange(url, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }
}
