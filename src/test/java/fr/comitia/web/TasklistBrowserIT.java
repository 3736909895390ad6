package fr.comitia.web;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.ATTENDANCE;
import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.deliberation.DeliberationVariables.TASK_FOLLOW_UP;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVISE;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECONVENE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.register.AttendanceStatus;
import fr.comitia.session.ProxyService;
import fr.comitia.support.Workflow;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Tasklist in a real browser (Debian's headless Chromium), on the real application: each role logs
 * in, finds its task in its filter, reads the French form and completes it; refusals by a rule
 * show their French message in the form and leave the task open; a member sees none of it.
 * Screenshots of every form go to {@code target/screenshots/}.
 */
@ComitiaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasklistBrowserIT {

  static final String SESSION_DATE = "2022-06-16T10:00:00+02:00";
  static final String PLACE = "Lille, dans les locaux du Conseil régional des Hauts-de-France";
  static final String SEED_OBJECT = "Adhésion au groupement de commandes";

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ProxyService proxyService;
  @LocalServerPort int port;
  @Autowired Workflow flow;
  @Autowired com.icegreen.greenmail.util.GreenMail smtp;
  @Autowired fr.comitia.session.MemberSpace memberSpace;
  Browser browser;

  /** On failure, what the browser showed. */
  @RegisterExtension
  final TestWatcher failureShots = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      try {
        browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
      } catch (Exception e) {
        cause.addSuppressed(e);
      }
    }
  };

  @BeforeAll
  void openBrowser() throws Exception {
    browser = Browser.open("http://localhost:" + port);
    // The first Tasklist of a fresh application: loaded once before the tests (scripts, locale, plugins).
    browser.loginToTasklist("admin", "admin-demo");
  }

  @AfterAll
  void closeBrowser() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  /** Start form, review with a refusal, correction, approval: the drafter and the director in Tasklist. */
  @Test
  void theDirectorApprovesADraftThroughTheForm() throws Exception {
    Workflow.clockAt("2022-05-20T09:00:00+02:00");

    // The drafter starts « Délibération » from Tasklist.
    browser.loginToTasklist("redacteur", "redacteur-demo");
    browser.clickable(By.xpath("//a[contains(normalize-space(.), 'Démarrer un processus')]")).click();
    browser.clickable(By.xpath("//ul[contains(@class,'processes')]//a[normalize-space(.)='Délibération']")).click();
    WebElement form = browser.form();
    browser.waitFor(d -> new Select(form.findElement(By.id("bodyId"))).getOptions().size() > 2);
    new Select(form.findElement(By.id("bodyId"))).selectByVisibleText("Comité syndical");
    form.findElement(By.id("object")).sendKeys("Adhésion à l'association des syndicats numériques");
    form.findElement(By.id("preamble")).sendKeys("Le syndicat souhaite rejoindre l'association.");
    form.findElement(By.id("visas")).sendKeys("Vu le code général des collectivités territoriales,\n"
        + "Vu les statuts du Syndicat,");
    form.findElement(By.id("proposal")).sendKeys("Sur proposition du Président");
    form.findElement(By.cssSelector("textarea.article-text")).sendKeys("l'adhésion du Syndicat à l'association,");
    form.findElement(By.id("annexes")).sendKeys("Statuts de l'association");
    browser.click(form.findElement(By.xpath("//label[contains(., 'coordonnateur du groupement')]/input")));
    new Select(form.findElement(By.id("rapporteurId"))).selectByVisibleText(
        "M. Christophe COULON — Conseil régional des Hauts-de-France");
    // The classification offers the prefecture's codes; the nature is « Délibérations », no matière chosen yet.
    assertThat(new Select(form.findElement(By.id("nature"))).getFirstSelectedOption().getText())
        .isEqualTo("1 Délibérations");
    assertThat(new Select(form.findElement(By.id("matiere"))).getOptions().stream().map(WebElement::getText))
        .contains("1.4 Commande publique / Autres types de contrats", "5.7 Institutions et vie politique / Intercommunalité")
        .doesNotContain("1 Commande publique");
    browser.formScreenshot("01-start-deliberation");
    browser.clickable(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Démarrer']")).click();
    browser.waitForNotification("Le processus a été démarré.");
    String id = deliberationByObject("Adhésion à l'association des syndicats numériques");
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "IN_REVIEW")
        .containsEntry("visas", List.of("Vu le code général des collectivités territoriales,",
            "Vu les statuts du Syndicat,"));

    // The director reads the whole draft, claims the task and returns it: a comment is required.
    browser.loginToTasklist("directeur", "directeur-demo");
    browser.openFilter("Mes validations");
    browser.openTask(taskId(id, TASK_REVIEW), "Valider le projet de délibération");
    browser.waitFor(d -> browser.form().getText().contains("Statuts de l'association"));
    assertThat(browser.form().getText()).contains("Objet : Adhésion à l'association des syndicats numériques")
        .contains("Vu les statuts du Syndicat,").contains("Article 1 : DECIDE l'adhésion du Syndicat")
        .contains("Conseil régional des Hauts-de-France — coordonnateur").contains("Rapporteur : M. Christophe COULON");
    assertThat(browser.form().findElement(By.cssSelector(".classification-missing")).getText())
        .contains("n'a pas de matière dans la classification des actes de la préfecture");
    browser.formScreenshot("02-review-draft");
    browser.claim();
    // Without a matière the draft cannot be validated: Comitia refuses, the task stays open.
    browser.click(browser.form().findElement(By.xpath(".//label[contains(., 'Valider le projet')]/input")));
    browser.clickComplete();
    assertThat(browser.refusal()).isEqualTo("Validation refusée : le projet « " + id + " » n'a pas de matière dans la "
        + "classification des actes de la préfecture. Renvoyez-le à la rédaction en demandant la matière.");
    assertThat(flow.hasTask(id, TASK_REVIEW)).isTrue();
    browser.click(browser.form().findElement(By.xpath(".//label[contains(., 'Renvoyer à la rédaction')]/input")));
    browser.clickComplete();
    assertThat(browser.refusal()).isEqualTo("Un commentaire est obligatoire pour renvoyer le projet au rédacteur.");
    browser.formScreenshot("03-review-draft-refused");
    assertThat(flow.hasTask(id, TASK_REVIEW)).isTrue();

    // The task's history shows the claim.
    browser.openTab("Historique");
    browser.waitFor(d -> d.findElement(By.cssSelector(".task-details")).getText().contains("Prise en charge"));
    browser.screenshot("04-task-history");
    browser.openTab("Formulaire");
    browser.form().findElement(By.id("reviewComment")).sendKeys("Préciser le montant de la cotisation.");
    browser.click(browser.form().findElement(By.xpath(".//label[contains(., 'Renvoyer à la rédaction')]/input")));
    browser.complete();
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "RETURNED");

    // The drafter corrects it from « Mes projets ».
    browser.loginToTasklist("redacteur", "redacteur-demo");
    browser.openFilter("Mes projets");
    browser.openTask(taskId(id, TASK_REVISE), "Corriger le projet");
    browser.waitFor(d -> browser.form().getText().contains("Préciser le montant de la cotisation."));
    WebElement preamble = browser.form().findElement(By.id("preamble"));
    assertThat(preamble.getDomProperty("value")).isEqualTo("Le syndicat souhaite rejoindre l'association.");
    preamble.sendKeys(" La cotisation annuelle est de 500 euros.");
    new Select(browser.form().findElement(By.id("matiere")))
        .selectByVisibleText("5.7 Institutions et vie politique / Intercommunalité");
    browser.formScreenshot("05-revise-draft");
    browser.claim();
    // The drafter joins the association's statutes as a PDF; the server keeps it and lists it back.
    java.nio.file.Path statutes = java.nio.file.Files.createTempFile("statuts-", ".pdf");
    java.nio.file.Files.write(statutes, fr.comitia.support.Pdfs.onePage("Statuts de l'association"));
    browser.form().findElement(By.id("annexTitle")).sendKeys("Statuts de l'association (PDF)");
    browser.form().findElement(By.id("annexFile")).sendKeys(statutes.toAbsolutePath().toString());
    browser.click(browser.form().findElement(By.cssSelector("button.join-annex")));
    browser.waitFor(d -> browser.form().findElement(By.cssSelector("ul.annex-files")).getText()
        .contains("Statuts de l'association (PDF)"));
    // The same write without Camunda's CSRF token is not taken from the Tasklist session.
    Object forged = browser.script("return fetch(arguments[0], {method: 'POST', credentials: 'same-origin', "
        + "headers: {'X-Requested-With': 'XMLHttpRequest'}, body: new FormData()}).then(function (r) { return r.status; });",
        "/api/deliberations/" + id + "/annexes");
    assertThat(((Number) forged).intValue()).isEqualTo(401);
    browser.formScreenshot("05-revise-draft-annex");
    browser.complete();

    // The director approves it.
    browser.loginToTasklist("directeur", "directeur-demo");
    browser.openFilter("Mes validations");
    browser.openTask(taskId(id, TASK_REVIEW), "Valider le projet de délibération");
    browser.waitFor(d -> browser.form().getText().contains("La cotisation annuelle est de 500 euros."));
    assertThat(browser.form().findElement(By.cssSelector("ul.annex-files")).getText())
        .contains("Statuts de l'association (PDF)");
    assertThat(browser.form().findElement(By.cssSelector(".classification")).getText())
        .isEqualTo("Classification : 1 Délibérations — matière 5.7 Institutions et vie politique / Intercommunalité");
    browser.claim();
    browser.click(browser.form().findElement(By.xpath(".//label[contains(., 'Valider le projet')]/input")));
    browser.complete();
    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    assertThat((List<Object>) record.get("annexFiles")).hasSize(1);
    assertThat(record).containsEntry("status", "AWAITING_SESSION").containsEntry("nature", "1")
        .containsEntry("matiere", "5.7").containsEntry("matiereLabel", "Institutions et vie politique / Intercommunalité");
    assertThat(String.valueOf(record.get("preamble"))).endsWith("La cotisation annuelle est de 500 euros.");
    // The forms submitted exactly the variables of the design; what they showed stayed on their tasks.
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId((String) record.get(
        "processInstanceId")).list().stream().filter(v -> v.getTaskId() == null).map(v -> v.getName()).distinct().toList())
        .containsExactlyInAnyOrder("bodyId", "object", "rapporteurId", "preamble", "visas", "proposal", "articles",
            "annexes", "partners", "note", "nature", "matiere", "initiatorId", "approved");
  }

  /** The secretariat starts a session and builds its agenda; the president signs, late then in time. */
  @Test
  void thePresidentSignsAConvocation() throws Exception {
    Workflow.clockAt("2022-05-20T09:00:00+02:00");
    String id = flow.submit(flow.resource("/seed/deliberation-2022-14.json"));
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));

    // The secretariat starts « Séance de l'assemblée » from Tasklist.
    Workflow.clockAt("2022-06-01T09:00:00+02:00");
    browser.loginToTasklist("secretariat", "secretariat-demo");
    browser.clickable(By.xpath("//a[contains(normalize-space(.), 'Démarrer un processus')]")).click();
    browser.clickable(By.xpath("//ul[contains(@class,'processes')]//a[normalize-space(.)=\"Séance de l'assemblée\"]"))
        .click();
    WebElement form = browser.form();
    browser.waitFor(d -> new Select(form.findElement(By.id("bodyId"))).getOptions().size() > 2);
    new Select(form.findElement(By.id("bodyId"))).selectByVisibleText("Comité syndical");
    browser.setValue(form.findElement(By.id("sessionDate")), "2022-06-16T10:00");
    form.findElement(By.id("place")).sendKeys(PLACE);
    browser.formScreenshot("06-start-session");
    browser.clickable(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Démarrer']")).click();
    browser.waitForNotification("Le processus a été démarré.");
    String session = sessionByPlace();
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("place", PLACE)
        .containsEntry("sessionDate", "2022-06-16T08:00:00Z");

    // Due dates: the agenda the day before the last day to convoke (5 clear days), the convocation on that day.
    assertThat(flow.task(session, TASK_BUILD_AGENDA).getDueDate().toInstant())
        .isEqualTo(OffsetDateTime.parse("2022-06-09T23:59:00+02:00").toInstant());

    // The agenda: chosen among the approved drafts waiting for a session.
    browser.openFilter("Séances");
    browser.openTask(taskId(session, TASK_BUILD_AGENDA), "Établir l'ordre du jour");
    browser.waitFor(d -> browser.form().getText().contains(SEED_OBJECT));
    assertThat(browser.form().getText()).contains("Comité syndical du jeudi 16 juin 2022 à 10 h 00")
        .contains("au plus tard le vendredi 10 juin 2022");
    browser.claim();
    browser.click(browser.form().findElement(By.id("draft-" + id)));
    browser.waitFor(d -> !browser.all(By.cssSelector("ol.agenda li")).isEmpty());
    browser.formScreenshot("07-build-agenda");
    browser.complete();
    assertThat(flow.get("secretariat", "/api/sessions/" + session).get("status")).isEqualTo("AGENDA_READY");

    assertThat(flow.task(session, TASK_SIGN_CONVOCATION).getDueDate().toInstant())
        .isEqualTo(OffsetDateTime.parse("2022-06-10T23:59:00+02:00").toInstant());

    // Three days before the session is too late: the rule refuses, the task stays open.
    Workflow.clockAt("2022-06-13T09:00:00+02:00");
    browser.loginToTasklist("ccoulon", "membre-demo");
    browser.openFilter("Signatures");
    browser.openTask(taskId(session, TASK_SIGN_CONVOCATION), "Signer la convocation");
    browser.waitFor(d -> browser.form().getText().contains(SEED_OBJECT));
    assertThat(browser.form().getText()).contains("5 jours francs").contains("au plus tard le vendredi 10 juin 2022");
    // Before signing, Comitia says what the signature would meet today (GET /api/forms/convocation-check).
    browser.waitFor(d -> browser.form().findElement(By.cssSelector(".convocation-check")).getText()
        .contains("Délai de convocation non respecté : 2 jours francs entre le 13 juin 2022 et le 16 juin 2022"));
    browser.formScreenshot("08-sign-convocation");
    browser.claim();
    // The form says what is signed and asks for the signature before anything is sent.
    assertThat(browser.form().getText()).contains("Je signe la convocation");
    browser.clickComplete();
    assertThat(browser.refusal()).isEqualTo("Signature requise : cochez « Je signe la convocation ».");
    browser.click(browser.form().findElement(By.id("signed")));
    browser.clickComplete();
    browser.waitFor(d -> browser.refusal().startsWith("Délai de convocation"));
    assertThat(browser.refusal()).isEqualTo("Délai de convocation non respecté : 2 jours francs entre le 13 juin 2022 "
        + "et le 16 juin 2022, 5 requis (CGCT L2121-12)");
    browser.formScreenshot("09-sign-convocation-refused");
    assertThat(flow.hasTask(session, TASK_SIGN_CONVOCATION)).isTrue();

    // On the 10th, the same form signs.
    Workflow.clockAt("2022-06-10T11:00:00+02:00");
    browser.complete();
    assertThat(flow.hasTask(session, TASK_SIGN_CONVOCATION)).isFalse();
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("convocationDate", "2022-06-10")
        .containsEntry("status", "CONVOKED");
  }

  /** The roll call of the 22 members with two proxies (one declared beforehand), then the vote and what follows. */
  @Test
  @SuppressWarnings("unchecked")
  void theSecretariatRecordsARollCallWithTwoProxiesAndAVote() throws Exception {
    String id = approvedSeedDraft();
    String session = convokedSession(id);
    // A member declared his absence and gave his proxy through his convocation's link.
    proxyService.declare(new ProxyService.Grant(session, 1, "lmonnet"), AttendanceStatus.EXCUSED, "gbartholomeus");
    Workflow.clockAt(SESSION_DATE);
    flow.executeJobs();

    browser.loginToTasklist("secretariat", "secretariat-demo");
    String tasklistSession = browser.driver().manage().getCookieNamed("JSESSIONID").getValue();
    browser.openFilter("Séances");
    browser.openTask(taskId(session, TASK_ROLL_CALL), "Faire l'appel");
    browser.waitFor(d -> browser.all(By.cssSelector("table.roll-call tr[data-member]")).size() == 22);
    WebElement form = browser.form();
    assertThat(form.getText()).contains("Conseil régional des Hauts-de-France").contains("Département du Nord")
        .contains("Département du Pas-de-Calais").contains("Collège ENT");
    // The declared proxy is there.
    assertThat(status("lmonnet")).isEqualTo("EXCUSED");
    browser.waitFor(d -> new Select(browser.form().findElement(By.id("holder-lmonnet"))).getFirstSelectedOption()
        .getText().equals("M. Grégory BARTHOLOMEUS"));
    browser.claim();
    // An excused member gives a proxy; another is absent.
    setStatus("adecagny", "EXCUSED");
    // Who may hold the proxy is Comitia's answer (GET /api/forms/roll-call-check): present members only, not the
    // giver, not one who already holds a proxy (one per holder for this body).
    browser.waitFor(d -> new Select(browser.form().findElement(By.id("holder-adecagny"))).getOptions().stream()
        .anyMatch(o -> o.getText().equals("Mme Valérie BIEGALSKI")));
    Select holder = new Select(browser.form().findElement(By.id("holder-adecagny")));
    assertThat(holder.getOptions().stream().map(WebElement::getText))
        .contains("Mme Valérie BIEGALSKI").doesNotContain("M. Arnaud DECAGNY", "M. Luc MONNET", "M. Grégory BARTHOLOMEUS");
    holder.selectByVisibleText("Mme Valérie BIEGALSKI");
    setStatus("jldauchy", "ABSENT");
    new Select(browser.form().findElement(By.id("sessionSecretaryId"))).selectByVisibleText("M. Claude BACHELET");
    // The totals and the quorum as DMN « quorum » will judge it, as Comitia answers them for this roll call.
    browser.waitFor(d -> browser.form().findElement(By.cssSelector(".present-count")).getText().equals("19")
        && browser.form().findElement(By.cssSelector(".proxy-count")).getText().equals("2"));
    assertThat(browser.form().findElement(By.cssSelector(".quorum")).getText())
        .contains("Statuts : majorité des membres en exercice présents ou représentés")
        .contains("21 présents ou représentés sur 22 membres en exercice, 12 requis : le quorum est atteint.");
    assertThat(new Select(browser.form().findElement(By.id("presidingMemberId"))).getFirstSelectedOption().getText())
        .isEqualTo("M. Christophe COULON");
    // The form's checks (GET /api/forms/roll-call-check with the Tasklist session) leave that session as
    // it is: a new id there made Tasklist's other requests unauthenticated, and its user was logged out.
    assertThat(browser.driver().manage().getCookieNamed("JSESSIONID").getValue()).isEqualTo(tasklistSession);
    browser.formScreenshot("10-roll-call");
    browser.complete();

    Map<String, Object> record = flow.get("secretariat", "/api/deliberations/" + id);
    Map<String, Object> attendance = (Map<String, Object>) flow.get("secretariat", "/api/sessions/" + session)
        .get("attendance");
    assertThat(attendance).containsEntry("inOffice", 22).containsEntry("present", 19).containsEntry("absent", 1)
        .containsEntry("excused", 2).containsEntry("proxies", 2);
    assertThat(record).isNotNull();

    // The vote: the form shows the voters and whether the figures hold; inconsistent figures are refused.
    browser.openFilter("Séances");
    browser.openTask(taskId(session, TASK_RECORD_VOTE), "Vote : " + SEED_OBJECT);
    browser.waitFor(d -> browser.form().getText().contains("19 présents et 2 représentés"));
    browser.claim();
    WebElement votesFor = browser.form().findElement(By.id("votesFor"));
    votesFor.sendKeys("25");
    // The consistency line is Comitia's answer (GET /api/forms/vote-check), in VoteRules' words.
    browser.waitFor(d -> browser.form().findElement(By.cssSelector(".consistency")).getText()
        .contains("Votes incohérents : 25 voix exprimées ou abstentions pour 21 votants"));
    assertThat(browser.form().findElement(By.cssSelector(".consistency")).getText())
        .contains("Votants : 21").contains("voix exprimées et abstentions : 25");
    browser.clickComplete();
    assertThat(browser.refusal()).isEqualTo("Votes incohérents : 25 voix exprimées ou abstentions pour 21 votants");
    browser.formScreenshot("11-record-vote-refused");
    assertThat(flow.hasTask(session, TASK_RECORD_VOTE)).isTrue();
    votesFor.clear();
    votesFor.sendKeys("19");
    WebElement against = browser.form().findElement(By.id("votesAgainst"));
    against.clear();
    against.sendKeys("1");
    WebElement abstentions = browser.form().findElement(By.id("abstentions"));
    abstentions.clear();
    abstentions.sendKeys("1");
    browser.waitFor(d -> browser.form().findElement(By.cssSelector(".consistency")).getText()
        .contains("Figures cohérentes : la délibération est adoptée."));
    assertThat(browser.form().findElement(By.cssSelector(".consistency")).getText())
        .contains("Votants : 21").contains("suffrages exprimés : 20");
    // A tie: the presiding member's casting vote is asked for, then decides.
    votesFor.clear();
    votesFor.sendKeys("10");
    against.clear();
    against.sendKeys("10");
    browser.waitFor(d -> browser.form().getText().contains("indiquez son vote"));
    assertThat(browser.all(By.cssSelector("input[name=presidingVote]"))).hasSize(3);
    browser.formScreenshot("12-record-vote-tie");
    votesFor.clear();
    votesFor.sendKeys("19");
    against.clear();
    against.sendKeys("1");
    browser.waitFor(d -> browser.form().findElement(By.cssSelector(".consistency")).getText()
        .contains("Figures cohérentes : la délibération est adoptée."));
    assertThat(browser.all(By.cssSelector("input[name=presidingVote]"))).isEmpty();
    browser.formScreenshot("12-record-vote");
    browser.complete();
    Map<String, Object> vote = (Map<String, Object>) flow.get("secretariat", "/api/deliberations/" + id).get("vote");
    assertThat(vote).containsEntry("outcome", "ADOPTED").containsEntry("votesFor", 19).containsEntry("votesAgainst", 1)
        .containsEntry("abstentions", 1).containsEntry("voters", 21);

    // The president reads the extract, then signs it.
    browser.loginToTasklist("ccoulon", "membre-demo");
    browser.openFilter("Signatures");
    browser.openTask(taskId(id, TASK_SIGN), "Signer l'extrait");
    browser.waitFor(d -> browser.form().getText().contains("Extrait n° 2022-"));
    browser.driver().switchTo().frame(browser.form().findElement(By.cssSelector("iframe.extract")));
    assertThat(browser.pageText()).contains("EXTRAIT DU REGISTRE DES DELIBERATIONS DU COMITE SYNDICAL")
        .contains("Voix pour : 19");
    browser.driver().switchTo().defaultContent();
    browser.formScreenshot("13-sign-extract");
    browser.claim();
    browser.click(browser.form().findElement(By.id("signed")));
    browser.complete();
    flow.executeJobs();
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "SIGNED");
    // Published, transmitted; the (simulated) prefecture acknowledges: enforceable, then notified.
    flow.prefectureAcknowledges();
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "ENFORCEABLE");

    // Anyone reads the act on the public register, without logging in.
    browser.go("/registre?q=groupement");
    browser.waitFor(d -> browser.pageText().contains("Registre des délibérations publiées"));
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
    browser.click(browser.driver().findElement(By.linkText((String) flow.get("directeur", "/api/deliberations/" + id)
        .get("number"))));
    browser.waitFor(d -> browser.pageText().contains("Texte intégral de l'acte signé (PDF/A)"));
    assertThat(browser.pageText()).contains("M. Christophe COULON, Président du Syndicat mixte")
        .contains("accusé de réception n° 059-200041036-");
    browser.screenshot("16-public-register-act");

    // The secretariat closes the session.
    browser.loginToTasklist("secretariat", "secretariat-demo");
    browser.openFilter("Séances");
    browser.openTask(taskId(session, TASK_CLOSE), "Clore la séance");
    browser.waitFor(d -> browser.form().getText().contains("Adoptée"));
    browser.formScreenshot("14-close-session");
    browser.claim();
    browser.complete();
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("status", "CLOSED");

    // The partner never acknowledges: after three reminders the director follows up.
    OffsetDateTime when = OffsetDateTime.parse("2022-06-17T09:00:00+02:00");
    for (int i = 0; i < 4 && !flow.hasTask(id, TASK_FOLLOW_UP); i++) {
      when = when.plusDays(8);
      Workflow.clockAt(when.toString());
      flow.executeJobs();
    }
    assertThat(flow.hasTask(id, TASK_FOLLOW_UP)).isTrue();
    browser.loginToTasklist("directeur", "directeur-demo");
    browser.openFilter("Mes validations");
    browser.openTask(taskId(id, TASK_FOLLOW_UP), "Relancer le partenaire");
    browser.waitFor(d -> browser.form().getText().contains("groupement-ent@region-hdf.example.org"));
    browser.formScreenshot("15-follow-up-notification");
    browser.claim();
    browser.click(browser.form().findElement(By.xpath(".//label[contains(., 'a confirmé avoir reçu')]/input")));
    browser.complete();
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "NOTIFIED");
  }

  /** Without quorum, the secretariat reconvenes the assembly through the form. */
  @Test
  @SuppressWarnings("unchecked")
  void aSessionWithoutQuorumIsReconvenedThroughTheForm() throws Exception {
    String id = approvedSeedDraft();
    String session = convokedSession(id);
    Workflow.clockAt(SESSION_DATE);
    flow.executeJobs();
    List<Map<String, Object>> members = (List<Map<String, Object>>) flow.get("secretariat",
        "/api/bodies/comitesyndical?date=2022-06-16").get("members");
    List<Map<String, Object>> attendance = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("memberId", members.get(i).get("id"));
      entry.put("status", i < 5 ? "PRESENT" : "EXCUSED");
      entry.put("proxyHolderId", null);
      attendance.add(entry);
    }
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(ATTENDANCE, attendance,
        "presidingMemberId", members.get(0).get("id"), "sessionSecretaryId", members.get(1).get("id")));
    assertThat(flow.hasTask(session, TASK_RECONVENE)).isTrue();

    browser.loginToTasklist("secretariat", "secretariat-demo");
    browser.openFilter("Séances");
    browser.openTask(taskId(session, TASK_RECONVENE), "Reconvoquer l'assemblée");
    browser.waitFor(d -> browser.form().getText().contains("Le quorum n'étant pas atteint"));
    assertThat(browser.form().getText()).contains("5 présents sur 22 membres en exercice, 12 requis")
        .contains("au plus tôt le lundi 20 juin 2022");
    browser.formScreenshot("16-reconvene");
    browser.claim();
    browser.complete();
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("status", "RECONVOKED")
        .containsEntry("sessionDate", "2022-06-20T08:00:00Z");
  }

  /**
   * The demo clock walk: a session convoked for March 2027, the administrator opens the demo clock
   * from their Tasklist session and clicks « Aller à la séance »; the roll call falls due and the
   * secretariat finds « Faire l'appel » in Tasklist.
   */
  @Test
  void theAdministratorWalksToTheSessionWithTheDemoClock() throws Exception {
    String session = flow.convoked("bureau", "2027-03-01", "2027-03-11T18:00:00+01:00");
    flow.executeJobs();
    assertThat(flow.hasTask(session, TASK_ROLL_CALL)).isFalse();

    browser.loginToTasklist("admin", "admin-demo");
    // The administrator keeps Camunda's technical items (the others do not see them).
    browser.waitFor(d -> (Boolean) browser.script("return document.documentElement.classList.contains('comitia-admin');"));
    browser.waitFor(d -> d.findElement(By.cssSelector("li.create-task-action")).isDisplayed());
    browser.go("/api/demo/horloge");
    browser.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("Horloge de démonstration"));
    assertThat(browser.pageText()).contains("Ouverture de la séance").contains(session);
    browser.screenshot("20-demo-clock");
    browser.click(browser.clickable(By.xpath("//button[normalize-space()='Aller à la séance']")));
    browser.waitFor(d -> d.findElement(By.cssSelector(".done")).getText()
        .contains("Horloge avancée à l'ouverture de la séance : jeudi 11 mars 2027"));
    browser.screenshot("21-demo-clock-moved");
    // The job executor would run it now; here the test does.
    flow.executeJobs();
    assertThat(flow.hasTask(session, TASK_ROLL_CALL)).isTrue();

    browser.loginToTasklist("secretariat", "secretariat-demo");
    browser.openFilter("Séances");
    browser.waitFor(d -> d.findElement(By.cssSelector(".tasks-list")).getText().contains("Faire l'appel"));

    // From Tasklist's header, the register's screen: the session is there with its proof of convocation.
    browser.click(browser.clickable(By.cssSelector("li.comitia-register a")));
    browser.waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("Registre des délibérations"));
    browser.screenshot("22-register-screen");
    browser.go("/api/registre/seances/" + session);
    browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("Preuve de convocation"));
    assertThat(browser.pageText()).contains("luc.monnet@elus.example.org").contains("250");
    browser.screenshot("23-register-session");

    // From the register's screen, the API in Swagger UI, with the Tasklist session (its scripts run under
    // its own Content-Security-Policy): each operation with its French summary.
    browser.click(browser.clickable(By.linkText("API (Swagger UI)")));
    browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("API Comitia"));
    browser.waitFor(d -> d.findElement(By.tagName("body")).getText()
        .contains("Déposer un projet de délibération (démarre sa validation)"));
    browser.screenshot("23b-swagger-ui");
  }

  /**
   * axe-core (WCAG 2.1 A and AA, the RGAA's basis) finds no violation on the pages Comitia serves: the
   * public register and an act's page, the partner's acknowledgement page and its answer, a member's
   * personal page and proxy page, the register's screen (list, act, session), the demo clock, the mailbox.
   */
  @Test
  void everyPageComitiaServesPassesAxe() throws Exception {
    Workflow.Seed seed = flow.seedAdopted(PLACE);
    Workflow.clockAt("2022-06-17T15:00:00+02:00");
    flow.completeOk("ccoulon", seed.deliberationId(), TASK_SIGN,
        Map.of(fr.comitia.deliberation.DeliberationVariables.SIGNED, true));
    flow.prefectureAcknowledges(seed.deliberationId());
    String acknowledgement = fr.comitia.support.Mails.received(smtp, null, "Notification de la délibération").stream()
        .map(fr.comitia.support.Mails::text).map(t -> java.util.regex.Pattern
            .compile("https?://[^/\\s]+(/accuse-reception/[A-Za-z0-9_.=-]+)").matcher(t))
        .filter(java.util.regex.Matcher::find).map(m -> m.group(1)).findFirst().orElseThrow();
    String member = new java.net.URI(memberSpace.link("lmonnet")).getPath();
    String proxy = fr.comitia.support.Mails.proxyLink(fr.comitia.support.Mails.received(smtp,
        "luc.monnet@elus.example.org", "Convocation").get(0));

    Map<String, List<String>> violations = new java.util.LinkedHashMap<>();
    for (String page : List.of("/registre", "/registre/actes/" + seed.deliberationId(), acknowledgement, member,
        "/registre?annee=22", proxy)) {
      browser.go(page);
      violations.put(page, browser.accessibilityViolations());
    }
    browser.loginToTasklist("directeur", "directeur-demo");
    for (String page : List.of("/api/registre", "/api/registre/deliberations/" + seed.deliberationId(),
        "/api/registre/seances", "/api/registre/seances/" + seed.sessionId())) {
      browser.go(page);
      violations.put(page, browser.accessibilityViolations());
    }
    browser.loginToTasklist("admin", "admin-demo");
    for (String page : List.of("/api/demo/horloge", "/api/mailbox")) {
      browser.go(page);
      violations.put(page, browser.accessibilityViolations());
    }
    browser.screenshot("24-accessibility-last-page");
    assertThat(violations).allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
  }

  /** A member logs in to Tasklist: only their own filter, no task of the director; the engine refuses to complete it. */
  @Test
  void aMemberCannotSeeOrCompleteTheDirectorsTask() throws Exception {
    Workflow.clockAt("2022-05-20T09:00:00+02:00");
    String id = flow.submit(flow.resource("/seed/deliberation-2022-14.json"));
    Task review = flow.task(id, TASK_REVIEW);

    browser.loginToTasklist("lmonnet", "membre-demo");
    // Their one filter: the minutes they are to countersign as a session's secretary.
    browser.waitFor(d -> d.findElement(By.cssSelector(".task-filters")).getText()
        .contains("Procès-verbaux à contresigner"));
    assertThat(browser.driver().findElement(By.cssSelector(".task-filters")).getText())
        .doesNotContain("Mes validations").doesNotContain("Séances");
    // In French, without Camunda's end-of-life banner nor the technical menu items.
    assertThat(browser.script("return document.documentElement.lang;")).isEqualTo("fr");
    browser.waitFor(d -> d.findElement(By.cssSelector("li.comitia-register")).getAttribute("data-role-checked") != null);
    assertThat(browser.all(By.cssSelector(".ce-eol-banner"))).allSatisfy(e -> assertThat(e.isDisplayed()).isFalse());
    assertThat(browser.all(By.cssSelector("li.create-task-action, li.shortcut-help")))
        .allSatisfy(e -> assertThat(e.isDisplayed()).isFalse());
    assertThat(browser.pageText()).doesNotContain("Créer une tâche").doesNotContain("Raccourcis clavier");
    // Through the task's own address, the member gets nothing either.
    browser.go("/camunda/app/tasklist/default/#/?task=" + review.getId());
    browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("La tâche n'existe plus"));
    assertThat(browser.all(By.cssSelector("form.comitia-form"))).isEmpty();
    browser.screenshot("17-member-tasklist");
    // What Tasklist's API answers the member's session.
    Object visible = browser.script("var r = new XMLHttpRequest();"
        + "r.open('GET', '/camunda/api/engine/engine/default/task/count?taskDefinitionKey=reviewDraft', false);"
        + "r.send(); return r.responseText;");
    assertThat(String.valueOf(visible)).isEqualTo("{\"count\":0}");
    // The Tasklist session reads Comitia's API (what the start forms offer), but never writes through it.
    HttpHeaders session = new HttpHeaders();
    session.add(HttpHeaders.COOKIE, "JSESSIONID=" + browser.driver().manage().getCookieNamed("JSESSIONID").getValue());
    session.setContentType(MediaType.APPLICATION_JSON);
    assertThat(rest.exchange("/api/forms/start-choices", HttpMethod.GET, new HttpEntity<>(session), String.class)
        .getStatusCode().value()).isEqualTo(200);
    assertThat(rest.exchange("/api/sessions", HttpMethod.POST, new HttpEntity<>("{}", session), String.class)
        .getStatusCode().value()).isEqualTo(401);
    assertThat(rest.exchange("/api/forms/start-choices", HttpMethod.GET, null, String.class)
        .getStatusCode().value()).isEqualTo(401);

    ResponseEntity<Map<String, Object>> refused = flow.complete("lmonnet", review, Map.of(APPROVED, true));
    assertThat(refused.getStatusCode().is4xxClientError()).as(String.valueOf(refused.getBody())).isTrue();
    assertThat(flow.hasTask(id, TASK_REVIEW)).isTrue();
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "IN_REVIEW");
  }

  /** Cockpit and Admin speak French too (same session as Tasklist). */
  @Test
  void cockpitAndAdminAreInFrench() throws Exception {
    browser.loginToTasklist("admin", "admin-demo");
    browser.go("/camunda/app/cockpit/default/#/dashboard");
    browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("Déploiements"));
    assertThat(browser.pageText()).contains("À l'heure actuelle").contains("Tâches humaines ouvertes")
        .doesNotContain("Running process instances");
    browser.screenshot("18-cockpit");
    browser.go("/camunda/app/admin/default/#/users");
    browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("Utilisateurs"));
    browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("ccoulon"));
    browser.screenshot("19-admin");
    // The administrator unlocks an account (locked after failed logins) from its « Compte » page.
    browser.go("/camunda/app/admin/default/#/users/afigoureux?tab=account");
    browser.waitFor(d -> d.findElement(By.tagName("body")).getText().contains("Déverrouiller l'utilisateur"));
    assertThat(browser.pageText()).contains("Utile seulement si l'utilisateur est verrouillé");
    browser.screenshot("20-admin-unlock");
  }

  // --- Set-ups through the API ---------------------------------------------------------------------

  private String approvedSeedDraft() {
    Workflow.clockAt("2022-05-20T09:00:00+02:00");
    String id = flow.submit(flow.resource("/seed/deliberation-2022-14.json"));
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    return id;
  }

  private String convokedSession(String deliberationId) {
    Workflow.clockAt("2022-06-01T09:00:00+02:00");
    String session = flow.createSession("comitesyndical", SESSION_DATE, PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(deliberationId)));
    Workflow.clockAt("2022-06-10T11:00:00+02:00");
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();
    return session;
  }

  @SuppressWarnings("unchecked")
  private String deliberationByObject(String object) {
    List<Map<String, Object>> all = flow.as("directeur").getForObject("/api/deliberations", List.class);
    return all.stream().filter(d -> object.equals(d.get("object"))).map(d -> (String) d.get("id")).findFirst()
        .orElseThrow();
  }

  private String sessionByPlace() {
    return taskService.createTaskQuery().taskDefinitionKey(TASK_BUILD_AGENDA).list().stream()
        .map(t -> t.getProcessInstanceId())
        .map(pi -> historyService.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult()
            .getBusinessKey())
        .filter(key -> PLACE.equals(flow.get("secretariat", "/api/sessions/" + key).get("place")))
        .reduce((a, b) -> b).orElseThrow();
  }

  private String taskId(String businessKey, String taskKey) {
    return flow.task(businessKey, taskKey).getId();
  }

  private String status(String memberId) {
    return (String) browser.script("var checked = document.querySelector("
        + "\"tr[data-member='\" + arguments[0] + \"'] input[type=radio]:checked\"); return checked && checked.value;",
        memberId);
  }

  private void setStatus(String memberId, String status) {
    browser.click(browser.form().findElement(
        By.cssSelector("tr[data-member='" + memberId + "'] input[value='" + status + "']")));
  }
}
