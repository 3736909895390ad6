package fr.comitia.deliberation;

import static fr.comitia.support.Workflow.BUREAU;
import static fr.comitia.support.Workflow.attendance;
import static fr.comitia.support.Workflow.vote;

import static fr.comitia.deliberation.DeliberationVariables.ACKNOWLEDGED;
import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.URGENT;
import static fr.comitia.session.SessionVariables.WITHDRAWN;

import static fr.comitia.deliberation.DeliberationVariables.TASK_FOLLOW_UP;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_REVISE;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Workflow;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The paths of process {@code deliberation} as its users walk them: a draft returned and revised,
 * an item withdrawn then adopted at a later session, a rejected vote, ties, an act without partner,
 * and the partner's notification with its reminders, the director's follow-up and the
 * acknowledgement link. Everything on the body « bureau » (5 members, CGCT rules).
 */
@ComitiaTest
class DeliberationPathsIT {

  static final String PLACE = "Lille, siège du Syndicat mixte";
  static final Pattern ACK_LINK = Pattern.compile("https?://[^/\\s]+(/accuse-reception/[A-Za-z0-9_.=-]+)");

  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired GreenMail smtp;
  @Autowired JdbcClient jdbc;
  @Autowired Workflow flow;

  // --- Returned draft ---------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aReturnedDraftIsRevisedByItsDrafterAndApprovedOnItsSecondReview() {
    Workflow.clockAt("2023-01-09T09:00:00+01:00");
    String id = flow.submit(draft("Tarifs 2023 du service d'hébergement", List.of()));
    Map<String, Object> submitted = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(submitted).containsEntry("status", "IN_REVIEW");

    // Returning without a comment is refused; the review stays open and nothing is recorded.
    Task review = flow.task(id, TASK_REVIEW);
    String refusal = flow.completeRefused("directeur", id, TASK_REVIEW, Map.of(APPROVED, false));
    assertThat(refusal).contains("commentaire est obligatoire");
    assertThat(flow.task(id, TASK_REVIEW).getId()).isEqualTo(review.getId());
    assertThat(flow.hasTask(id, TASK_REVISE)).isFalse();
    Map<String, Object> stillInReview = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(stillInReview).containsEntry("status", "IN_REVIEW");
    assertThat((List<Object>) stillInReview.get("reviews")).isEmpty();

    flow.completeOk("directeur", id, TASK_REVIEW,
        Map.of("approved", false, "reviewComment", "Préciser dans l'objet l'année des tarifs."));
    assertThat(flow.hasTask(id, TASK_REVIEW)).isFalse();
    assertThat(flow.task(id, TASK_REVISE).getName()).isEqualTo("Corriger le projet");
    Map<String, Object> returned = flow.get("redacteur", "/api/deliberations/" + id);
    assertThat(returned).containsEntry("status", "RETURNED");
    List<Map<String, Object>> reviews = (List<Map<String, Object>>) returned.get("reviews");
    assertThat(reviews).hasSize(1);
    assertThat(reviews.get(0)).containsEntry("reviewerId", "directeur").containsEntry("approved", false)
        .containsEntry("comment", "Préciser dans l'objet l'année des tarifs.");

    // The drafter sends only the object: every other field stays as it was.
    flow.completeOk("redacteur", id, TASK_REVISE,
        Map.of("object", "Tarifs pour l'année 2023 du service d'hébergement"));
    assertThat(flow.hasTask(id, TASK_REVISE)).isFalse();
    flow.task(id, TASK_REVIEW);
    Map<String, Object> revised = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(revised).containsEntry("status", "IN_REVIEW")
        .containsEntry("object", "Tarifs pour l'année 2023 du service d'hébergement");
    for (String field : List.of("articles", "visas", "preamble", "proposal", "annexes", "body")) {
      assertThat(revised.get(field)).as(field).isEqualTo(submitted.get(field));
    }
    assertThat((List<Object>) revised.get("articles")).hasSize(2);
    assertThat((List<Object>) revised.get("visas")).hasSize(2);

    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    Map<String, Object> approved = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(approved).containsEntry("status", "AWAITING_SESSION").containsEntry("number", null);
    assertThat((List<Object>) approved.get("reviews")).hasSize(2);
    assertThat(flow.hasTask(id, TASK_REVIEW)).isFalse();
    assertThat(waitingForSession(id)).isTrue();
  }

  // --- Withdrawn item ---------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aWithdrawnItemWaitsForAnotherSessionAndIsNumberedInTheYearOfTheSessionThatAdoptsIt() {
    Workflow.clockAt("2024-11-04T09:00:00+01:00");
    String id = approvedDraft("Convention de mise à disposition de locaux", List.of());

    String first = convokedSession("2024-11-21T10:00:00+01:00", "2024-11-12T09:00:00+01:00", id);
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "SCHEDULED");
    openAndCallRoll(first, "2024-11-21T10:00:00+01:00", BUREAU);
    flow.completeOk("secretariat", first, TASK_RECORD_VOTE, Map.of(WITHDRAWN, true));

    Map<String, Object> withdrawn = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(withdrawn).containsEntry("status", "AWAITING_SESSION").containsEntry("number", null)
        .containsEntry("session", null);
    assertThat(waitingForSession(id)).isTrue();
    assertThat(flow.hasTask(id, TASK_SIGN)).isFalse();
    Map<String, Object> firstSession = flow.get("secretariat", "/api/sessions/" + first);
    assertThat(((List<Map<String, Object>>) firstSession.get("agenda")).get(0))
        .containsEntry("deliberationId", id).containsEntry("outcome", "WITHDRAWN").containsEntry("number", null);
    flow.completeOk("secretariat", first, TASK_CLOSE, Map.of());

    // On the agenda of a session of the next year, adopted there: numbered in that year.
    Workflow.clockAt("2025-01-06T09:00:00+01:00");
    String expected = nextNumber(2025);
    String second = convokedSession("2025-01-16T10:00:00+01:00", "2025-01-06T09:00:00+01:00", id);
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "SCHEDULED");
    openAndCallRoll(second, "2025-01-16T10:00:00+01:00", BUREAU);
    flow.completeOk("secretariat", second, TASK_RECORD_VOTE, vote(4, 0, 1));

    Map<String, Object> adopted = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(adopted).containsEntry("status", "ADOPTED").containsEntry("number", expected);
    assertThat(expected).startsWith("2025-");
    assertThat((Map<String, Object>) adopted.get("session")).containsEntry("id", second);
    assertThat((Map<String, Object>) adopted.get("vote")).containsEntry("outcome", "ADOPTED")
        .containsEntry("votesFor", 4).containsEntry("abstentions", 1);
    assertThat(flow.task(id, TASK_SIGN).getName()).isEqualTo("Signer l'extrait");

    flow.completeOk("secretariat", second, TASK_CLOSE, Map.of());
    signAndNotify(id, "2025-01-17T09:00:00+01:00");
  }

  // --- Rejected ---------------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aRejectedItemEndsRejectedWithoutNumberNorExtractToSign() {
    Workflow.clockAt("2023-02-01T09:00:00+01:00");
    String id = approvedDraft("Acquisition d'un véhicule de service", List.of());
    String session = convokedSession("2023-02-16T10:00:00+01:00", "2023-02-06T09:00:00+01:00", id);
    openAndCallRoll(session, "2023-02-16T10:00:00+01:00", BUREAU);
    String nextBefore = nextNumber(2023);
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, vote(1, 3, 1));

    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(record).containsEntry("status", "REJECTED").containsEntry("number", null);
    assertThat((Map<String, Object>) record.get("vote")).containsEntry("outcome", "REJECTED")
        .containsEntry("votesFor", 1).containsEntry("votesAgainst", 3);
    assertThat(flow.hasTask(id, TASK_SIGN)).isFalse();
    assertThat(endActivity(id)).isEqualTo("deliberationRejected");
    assertThat(nextNumber(2023)).as("no number taken from the register").isEqualTo(nextBefore);
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
  }

  // --- Ties -------------------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void aPublicTieIsDecidedByThePresidingMemberAndASecretTieRejects() {
    Workflow.clockAt("2023-05-02T09:00:00+02:00");
    String publicVote = approvedDraft("Modification du tableau des effectifs", List.of());
    String secretVote = approvedDraft("Désignation d'un représentant au comité technique", List.of());
    String session = convokedSession("2023-05-17T10:00:00+02:00", "2023-05-05T09:00:00+02:00", publicVote, secretVote);
    openAndCallRoll(session, "2023-05-17T10:00:00+02:00", BUREAU);

    // A public tie without the presiding member's vote is refused, and nothing is recorded.
    Task item = flow.task(session, TASK_RECORD_VOTE);
    assertThat(item.getName()).isEqualTo("Vote : Modification du tableau des effectifs");
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, vote(2, 2, 1)))
        .contains("Partage des voix");
    assertThat(flow.task(session, TASK_RECORD_VOTE).getId()).isEqualTo(item.getId());
    assertThat(flow.get("directeur", "/api/deliberations/" + publicVote)).containsEntry("vote", null)
        .containsEntry("status", "SCHEDULED");

    String expected = nextNumber(2023);
    Map<String, Object> casting = new LinkedHashMap<>(vote(2, 2, 1));
    casting.put("presidingVote", "FOR");
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, casting);
    Map<String, Object> adopted = flow.get("directeur", "/api/deliberations/" + publicVote);
    assertThat(adopted).containsEntry("status", "ADOPTED").containsEntry("number", expected);
    assertThat((Map<String, Object>) adopted.get("vote")).containsEntry("outcome", "ADOPTED")
        .containsEntry("presidingVote", "FOR").containsEntry("votesFor", 2).containsEntry("votesAgainst", 2);
    flow.task(publicVote, TASK_SIGN);
    assertThat(rest.withBasicAuth("directeur", "directeur-demo")
        .getForObject("/api/deliberations/" + publicVote + "/extract.html", String.class))
        .contains("Adopté, la voix du président de séance étant prépondérante.");

    // The same tie by secret ballot rejects, whatever the presiding member would vote.
    assertThat(flow.task(session, TASK_RECORD_VOTE).getName())
        .isEqualTo("Vote : Désignation d'un représentant au comité technique");
    Map<String, Object> secret = new LinkedHashMap<>(vote(2, 2, 1));
    secret.put("secretBallot", true);
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, secret);
    Map<String, Object> rejected = flow.get("directeur", "/api/deliberations/" + secretVote);
    assertThat(rejected).containsEntry("status", "REJECTED").containsEntry("number", null);
    assertThat((Map<String, Object>) rejected.get("vote")).containsEntry("outcome", "REJECTED")
        .containsEntry("secretBallot", true);
    assertThat(endActivity(secretVote)).isEqualTo("deliberationRejected");

    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    signAndNotify(publicVote, "2023-05-18T09:00:00+02:00");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRollCallVoteRecordsEachVotersChoiceWhichMustMatchTheFiguresAndPrintsTheNames() {
    Workflow.clockAt("2023-03-01T09:00:00+01:00");
    String id = approvedDraft("Adhésion à l'agence technique départementale", List.of());
    String session = convokedSession("2023-03-16T10:00:00+01:00", "2023-03-06T09:00:00+01:00", id);
    openAndCallRoll(session, "2023-03-16T10:00:00+01:00", List.of("ccoulon", "bmesseannegrobelny", "gbartholomeus",
        "avanpeene"));
    Map<String, Object> rollCall = new LinkedHashMap<>(vote(2, 1, 1));
    rollCall.put("ballot", "ROLL_CALL");

    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, rollCall))
        .contains("Scrutin public : indiquez le vote de chaque votant (ballots).");
    rollCall.put("ballots", List.of(Map.of("memberId", "ccoulon", "choice", "FOR"),
        Map.of("memberId", "bmesseannegrobelny", "choice", "FOR"), Map.of("memberId", "gbartholomeus", "choice", "FOR"),
        Map.of("memberId", "avanpeene", "choice", "AGAINST")));
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, rollCall))
        .contains("Scrutin public : la liste nominative ne correspond pas aux chiffres saisis (3 voix pour dans la "
            + "liste, 2 dans les chiffres ; 0 abstentions dans la liste, 1 dans les chiffres).");
    rollCall.put("ballots", List.of(Map.of("memberId", "ccoulon", "choice", "FOR"),
        Map.of("memberId", "lmonnet", "choice", "FOR")));
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, rollCall))
        .contains("Scrutin public : M. Luc MONNET n'est ni présent ni représenté à cette séance");
    Map<String, Object> shown = new LinkedHashMap<>(vote(2, 1, 1));
    shown.put("ballots", List.of(Map.of("memberId", "ccoulon", "choice", "FOR")));
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, shown))
        .contains("Le vote de chaque membre n'est consigné qu'au scrutin public");
    Map<String, Object> both = new LinkedHashMap<>(rollCall);
    both.put("secretBallot", true);
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, both))
        .contains("Scrutin incohérent : « scrutin secret » (secretBallot) est coché mais le type de scrutin est "
            + "« au scrutin public »");
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("vote", null);

    rollCall.put("ballots", List.of(Map.of("memberId", "ccoulon", "choice", "FOR"),
        Map.of("memberId", "bmesseannegrobelny", "choice", "AGAINST"),
        Map.of("memberId", "gbartholomeus", "choice", "FOR"), Map.of("memberId", "avanpeene", "choice", "ABSTAIN")));
    rollCall.put("debateSummary", "Mme MESSEANNE-GROBELNY s'inquiète du coût de l'adhésion.\n\n"
        + "M. le Président rappelle que la cotisation est fixée par les statuts de l'agence.");
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, rollCall);

    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    assertThat((Map<String, Object>) record.get("vote")).containsEntry("ballot", "ROLL_CALL")
        .containsEntry("outcome", "ADOPTED").containsEntry("secretBallot", false);
    assertThat(rest.withBasicAuth("directeur", "directeur-demo")
        .getForObject("/api/deliberations/" + id + "/extract.html", String.class))
        .contains("Scrutin public : ont voté pour : M. Christophe COULON, M. Grégory BARTHOLOMEUS ; ont voté contre : "
            + "Mme Bénédicte MESSEANNE-GROBELNY ; se sont abstenus : Mme Anne VANPEENE.");
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    flow.executeJobs();
    byte[] minutes = rest.withBasicAuth("directeur", "directeur-demo")
        .getForObject("/api/sessions/" + session + "/minutes.pdf", byte[].class);
    assertThat(fr.comitia.support.Pdfs.text(minutes)).contains("Scrutin public : ont voté pour : M. Christophe COULON, "
        + "M. Grégory BARTHOLOMEUS ; ont voté contre : Mme Bénédicte MESSEANNE-GROBELNY")
        .contains("Débats : Mme MESSEANNE-GROBELNY s'inquiète du coût de l'adhésion. M. le Président rappelle que la "
            + "cotisation est fixée par les statuts de l'agence.");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anInterestedMemberIsNoVoterNoPartOfTheItemsQuorumAndIsNamedInTheExtract() {
    Workflow.clockAt("2023-04-03T09:00:00+02:00");
    String lease = approvedDraft("Bail de la salle communale à l'association présidée par M. COULON", List.of());
    String grant = approvedDraft("Subvention à l'association de M. BARTHOLOMEUS", List.of());
    String session = convokedSession("2023-04-20T10:00:00+02:00", "2023-04-10T09:00:00+02:00", lease, grant);

    // Before the sitting, M. BARTHOLOMEUS declares his interest in the grant from his personal link.
    MimeMessage convocation = Mails.received(smtp, "gregory.bartholomeus@elus.example.org", "20 avril 2023").get(0);
    String link = rest.getRootUri() + Mails.proxyLink(convocation);
    TestRestTemplate anonymous = new TestRestTemplate();
    String page = anonymous.getForObject(link, String.class);
    assertThat(page).contains("Intérêt personnel à une affaire")
        .contains("Point 2 : Subvention à l&#39;association de M. BARTHOLOMEUS");
    org.springframework.util.LinkedMultiValueMap<String, String> form = new org.springframework.util.LinkedMultiValueMap<>();
    form.add("action", "interests");
    form.add("interest", "D0");
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> wrong = anonymous.postForEntity(link, new HttpEntity<>(form, headers), String.class);
    assertThat(wrong.getStatusCode().value()).isEqualTo(400);
    assertThat(wrong.getBody()).contains("Déclaration refusée : « D0 » n&#39;est pas à l&#39;ordre du jour de cette séance.");
    form.set("interest", grant);
    assertThat(anonymous.postForEntity(link, new HttpEntity<>(form, headers), String.class).getBody())
        .contains("Votre déclaration d&#39;intérêt est enregistrée");
    assertThat(anonymous.getForObject(link, String.class)).containsPattern("value=\"" + grant + "\"\\s+checked");

    // Four of the bureau's five are present: the quorum (more than half, 3) is reached for the sitting…
    openAndCallRoll(session, "2023-04-20T10:00:00+02:00", List.of("ccoulon", "bmesseannegrobelny", "gbartholomeus",
        "avanpeene"));

    // … but not for an item two of them may not take part in.
    Map<String, Object> lease1 = new LinkedHashMap<>(vote(2, 0, 0));
    lease1.put("interestedMemberIds", List.of("ccoulon", "avanpeene"));
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, lease1))
        .contains("Quorum non atteint pour ce point : sans M. Christophe COULON, Mme Anne VANPEENE (intéressés, qui ne "
            + "comptent pas), 2 présents sur 5 membres en exercice, 3 requis");
    Map<String, Object> absent = new LinkedHashMap<>(vote(2, 0, 0));
    absent.put("interestedMemberIds", List.of("lmonnet"));
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, absent))
        .contains("Membre intéressé : M. Luc MONNET n'est ni présent ni représenté à cette séance");
    assertThat(flow.get("directeur", "/api/deliberations/" + lease)).containsEntry("vote", null);
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, Map.of("withdrawn", true));

    // The grant's vote form starts with the member's declaration.
    Object voteView = taskService.getVariable(flow.task(session, TASK_RECORD_VOTE).getId(), "voteView");
    assertThat(String.valueOf(voteView)).contains("\"declaredInterested\":[\"gbartholomeus\"]");

    // With the quorum kept, the interested member is no voter: 3 voters, not 4.
    Map<String, Object> grant1 = new LinkedHashMap<>(vote(2, 1, 1));
    grant1.put("interestedMemberIds", List.of("gbartholomeus"));
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, grant1))
        .contains("Votes incohérents : 4 voix exprimées ou abstentions pour 3 votants");
    Map<String, Object> grant2 = new LinkedHashMap<>(vote(2, 1, 0));
    grant2.put("interestedMemberIds", List.of("gbartholomeus"));
    grant2.put("ballot", "ROLL_CALL");
    grant2.put("ballots", List.of(Map.of("memberId", "ccoulon", "choice", "FOR"),
        Map.of("memberId", "gbartholomeus", "choice", "FOR")));
    assertThat(flow.completeRefused("secretariat", session, TASK_RECORD_VOTE, grant2))
        .contains("Scrutin public : M. Grégory BARTHOLOMEUS, intéressé, ne prend pas part au vote");
    grant2.put("ballots", List.of(Map.of("memberId", "ccoulon", "choice", "FOR"),
        Map.of("memberId", "bmesseannegrobelny", "choice", "FOR"), Map.of("memberId", "avanpeene", "choice", "AGAINST")));
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, grant2);

    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + grant);
    assertThat((Map<String, Object>) record.get("vote")).containsEntry("outcome", "ADOPTED").containsEntry("voters", 3)
        .containsEntry("notParticipating", 1).containsEntry("ballot", "ROLL_CALL");
    assertThat((List<Map<String, Object>>) record.get("interestedMembers")).extracting(m -> m.get("lastName"))
        .containsExactly("BARTHOLOMEUS");
    assertThat(rest.withBasicAuth("directeur", "directeur-demo")
        .getForObject("/api/deliberations/" + grant + "/extract.html", String.class))
        .contains("M. Grégory BARTHOLOMEUS, intéressé, n&#39;a pas pris part au vote.")
        .contains("Ne prenant pas part au vote : 1");
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    flow.executeJobs();
    byte[] minutes = rest.withBasicAuth("directeur", "directeur-demo")
        .getForObject("/api/sessions/" + session + "/minutes.pdf", byte[].class);
    assertThat(fr.comitia.support.Pdfs.text(minutes))
        .contains("M. Grégory BARTHOLOMEUS, intéressé, n'a pas pris part au vote.");
  }

  // --- No partner -------------------------------------------------------------------------------------

  @Test
  void withoutPartnerTheActIsNotifiedAsSoonAsItIsSigned() {
    Workflow.clockAt("2023-06-01T09:00:00+02:00");
    String id = approvedDraft("Règlement intérieur du bureau", List.of());
    String session = convokedSession("2023-06-15T10:00:00+02:00", "2023-06-05T09:00:00+02:00", id);
    openAndCallRoll(session, "2023-06-15T10:00:00+02:00", BUREAU);
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, vote(5, 0, 0));
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "ADOPTED");

    Workflow.clockAt("2023-06-16T09:00:00+02:00");
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.prefectureAcknowledges();

    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(record).containsEntry("status", "NOTIFIED");
    assertThat(record.get("notifications")).isEqualTo(List.of());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
    assertThat(endActivity(id)).isEqualTo("deliberationNotified");
    assertThat(historyService.createHistoricActivityInstanceQuery()
        .processInstanceId(historic(id).getId()).activityId("sendNotification").count()).isZero();
  }

  // --- Reminders, follow-up, acknowledgement link -------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void anUnacknowledgedActIsRemindedThreeTimesThenFollowedUpThenAcknowledgedByTheLink() throws Exception {
    String partnerEmail = "controle-legalite@nord.example.org";
    Workflow.clockAt("2023-09-01T09:00:00+02:00");
    String id = approvedDraft("Adhésion au service commun de contrôle de légalité dématérialisé",
        List.of(Map.of("name", "Préfecture du Nord", "email", partnerEmail)));
    String session = convokedSession("2023-09-14T10:00:00+02:00", "2023-09-04T09:00:00+02:00", id);
    openAndCallRoll(session, "2023-09-14T10:00:00+02:00", BUREAU);
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, vote(5, 0, 0));
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());

    OffsetDateTime signedAt = OffsetDateTime.parse("2023-09-15T09:00:00+02:00");
    Workflow.clockAt(signedAt.toString());
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    assertThat(mailsTo(partnerEmail)).isEmpty();
    flow.prefectureAcknowledges();

    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    String number = (String) record.get("number");
    assertThat(record).containsEntry("status", "ENFORCEABLE");
    List<Map<String, Object>> notifications = (List<Map<String, Object>>) record.get("notifications");
    assertThat(notifications).hasSize(1);
    assertThat(notifications.get(0)).containsEntry("name", "Préfecture du Nord").containsEntry("email", partnerEmail)
        .containsEntry("acknowledgedAt", null);
    assertThat(notifications.get(0).get("notifiedAt")).isNotNull();
    List<MimeMessage> mails = mailsTo(partnerEmail);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject()).isEqualTo("Notification de la délibération n° " + number
        + " — Adhésion au service commun de contrôle de légalité dématérialisé");

    // Not before the delay.
    Workflow.clockAt(signedAt.plusDays(6).toString());
    flow.executeJobs();
    assertThat(mailsTo(partnerEmail)).hasSize(1);

    // A reminder every 7 days, three times.
    OffsetDateTime clock = signedAt;
    for (int reminder = 1; reminder <= 3; reminder++) {
      clock = clock.plusDays(7).plusMinutes(5);
      Workflow.clockAt(clock.toString());
      flow.executeJobs();
      mails = mailsTo(partnerEmail);
      assertThat(mails).as("after reminder %d", reminder).hasSize(1 + reminder);
      assertThat(mails.get(mails.size() - 1).getSubject())
          .startsWith("Relance " + reminder)
          .isEqualTo("Relance " + reminder + " — accusé de réception de la délibération n° " + number);
      assertThat(flow.hasTask(id, TASK_FOLLOW_UP)).isFalse();
    }
    Map<String, Object> reminded = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(((List<Map<String, Object>>) reminded.get("notifications")).get(0)).containsEntry("reminders", 3);

    // After the third reminder, no more mail: the director follows up.
    clock = clock.plusDays(7).plusMinutes(5);
    Workflow.clockAt(clock.toString());
    flow.executeJobs();
    assertThat(mailsTo(partnerEmail)).hasSize(4);
    Task followUp = flow.task(id, TASK_FOLLOW_UP);
    assertThat(followUp.getName()).isEqualTo("Relancer le partenaire");
    assertThat(taskService.getIdentityLinksForTask(followUp.getId())).extracting(IdentityLink::getGroupId)
        .contains("director");

    // Without saying whether the partner confirmed: refused, still open.
    String refusal = flow.completeRefused("directeur", id, TASK_FOLLOW_UP, Map.of());
    assertThat(refusal).contains("Indiquez si le partenaire a confirmé la réception");
    assertThat(flow.task(id, TASK_FOLLOW_UP).getId()).isEqualTo(followUp.getId());

    // Not confirmed: the act is sent again.
    flow.completeOk("directeur", id, TASK_FOLLOW_UP, Map.of(ACKNOWLEDGED, false));
    flow.executeJobs();
    mails = mailsTo(partnerEmail);
    assertThat(mails).hasSize(5);
    MimeMessage resent = mails.get(4);
    assertThat(resent.getSubject()).startsWith("Notification de la délibération n° " + number);
    assertThat(flow.hasTask(id, TASK_FOLLOW_UP)).isFalse();
    Map<String, Object> again = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(((List<Map<String, Object>>) again.get("notifications")).get(0))
        .containsEntry("reminders", 0).containsEntry("acknowledgedAt", null);

    // The partner opens the link: the page shows the act, nothing is recorded.
    Matcher link = ACK_LINK.matcher(Mails.text(resent));
    assertThat(link.find()).as(Mails.text(resent)).isTrue();
    String path = link.group(1);
    TestRestTemplate anonymous = new TestRestTemplate();
    String base = rest.getRootUri();
    ResponseEntity<String> page = anonymous.getForEntity(base + path, String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("J'accuse réception de cet acte").contains(number);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isEqualTo(1);
    Map<String, Object> opened = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(opened).containsEntry("status", "ENFORCEABLE");
    assertThat(((List<Map<String, Object>>) opened.get("notifications")).get(0)).containsEntry("acknowledgedAt", null);

    // The button acknowledges: the act is notified.
    clock = clock.plusHours(2);
    Workflow.clockAt(clock.toString());
    ResponseEntity<String> ack = anonymous.exchange(base + path, HttpMethod.POST, HttpEntity.EMPTY, String.class);
    assertThat(ack.getStatusCode().value()).isEqualTo(200);
    assertThat(ack.getBody()).contains("Réception enregistrée").doesNotContain("déjà");
    Map<String, Object> notified = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(notified).containsEntry("status", "NOTIFIED");
    Map<String, Object> notification = ((List<Map<String, Object>>) notified.get("notifications")).get(0);
    Object acknowledgedAt = notification.get("acknowledgedAt");
    assertThat(acknowledgedAt).isNotNull();
    assertThat(notification).containsEntry("acknowledgedBy", "lien de notification");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
    assertThat(endActivity(id)).isEqualTo("deliberationNotified");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(historic(id).getId())
        .activityId("partnerAcknowledged").count()).isEqualTo(1);

    // The same link again: « déjà », and nothing changes.
    Workflow.clockAt(clock.plusHours(3).toString());
    ResponseEntity<String> twice = anonymous.exchange(base + path, HttpMethod.POST, HttpEntity.EMPTY, String.class);
    assertThat(twice.getStatusCode().value()).isEqualTo(200);
    assertThat(twice.getBody()).contains("déjà");
    Map<String, Object> unchanged = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(unchanged).containsEntry("status", "NOTIFIED");
    assertThat(((List<Map<String, Object>>) unchanged.get("notifications")).get(0))
        .containsEntry("acknowledgedAt", acknowledgedAt).containsEntry("acknowledgedBy", "lien de notification");
    assertThat(mailsTo(partnerEmail)).hasSize(5);

    // A link altered by one character is not ours.
    String token = path.substring(path.lastIndexOf('/') + 1);
    int at = token.indexOf('.') + 5;
    char replaced = token.charAt(at) == 'A' ? 'B' : 'A';
    String tampered = "/accuse-reception/" + token.substring(0, at) + replaced + token.substring(at + 1);
    ResponseEntity<String> invalid = anonymous.getForEntity(base + tampered, String.class);
    assertThat(invalid.getStatusCode().value()).isEqualTo(404);
    assertThat(invalid.getBody()).contains("Lien invalide").doesNotContain(number);
    ResponseEntity<String> invalidPost = anonymous.exchange(base + tampered, HttpMethod.POST, HttpEntity.EMPTY,
        String.class);
    assertThat(invalidPost.getStatusCode().value()).isEqualTo(404);
    assertThat(invalidPost.getBody()).contains("Lien invalide");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDirectorConfirmingTheReceiptEndsThePartnersBranch() {
    String partnerEmail = "courrier@sous-prefecture-douai.example.org";
    Workflow.clockAt("2023-11-02T09:00:00+01:00");
    String id = approvedDraft("Convention d'accès au réseau de la sous-préfecture",
        List.of(Map.of("name", "Sous-préfecture de Douai", "email", partnerEmail)));
    String session = convokedSession("2023-11-16T10:00:00+01:00", "2023-11-06T09:00:00+01:00", id);
    openAndCallRoll(session, "2023-11-16T10:00:00+01:00", BUREAU);
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, vote(4, 1, 0));
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());

    OffsetDateTime clock = OffsetDateTime.parse("2023-11-17T09:00:00+01:00");
    Workflow.clockAt(clock.toString());
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.prefectureAcknowledges();
    assertThat(mailsTo(partnerEmail)).hasSize(1);
    for (int step = 1; step <= 4; step++) {
      clock = clock.plusDays(7).plusMinutes(5);
      Workflow.clockAt(clock.toString());
      flow.executeJobs();
    }
    assertThat(mailsTo(partnerEmail)).hasSize(4);
    flow.task(id, TASK_FOLLOW_UP);

    flow.completeOk("directeur", id, TASK_FOLLOW_UP, Map.of(ACKNOWLEDGED, true));
    flow.executeJobs();
    assertThat(mailsTo(partnerEmail)).hasSize(4);
    Map<String, Object> record = flow.get("directeur", "/api/deliberations/" + id);
    assertThat(record).containsEntry("status", "NOTIFIED");
    Map<String, Object> notification = ((List<Map<String, Object>>) record.get("notifications")).get(0);
    assertThat(notification.get("acknowledgedAt")).isNotNull();
    assertThat(notification).containsEntry("acknowledgedBy", "confirmé par directeur");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
    assertThat(endActivity(id)).isEqualTo("deliberationNotified");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(historic(id).getId())
        .activityId("partnerAcknowledgedOutOfBand").count()).isEqualTo(1);
  }

  // --- Helpers ------------------------------------------------------------------------------------------

  static Map<String, Object> draft(String object, List<Map<String, Object>> partners) {
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("bodyId", "bureau");
    draft.put("object", object);
    draft.put("preamble", "Le bureau est invité à se prononcer sur « " + object + " ».");
    draft.put("visas", List.of("Vu le code général des collectivités territoriales,", "Vu les statuts du Syndicat,"));
    draft.put("proposal", "Sur proposition du Président");
    draft.put("articles", List.of(
        Map.of("verb", "DECIDE", "text", "d'approuver le projet qui lui est soumis,"),
        Map.of("verb", "AUTORISE", "text", "Monsieur le Président à signer tout document s'y rapportant.")));
    draft.put("annexes", List.of());
    draft.put("partners", partners);
    draft.put("matiere", "5.2");
    return draft;
  }

  String approvedDraft(String object, List<Map<String, Object>> partners) {
    String id = flow.submit(draft(object, partners));
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "AWAITING_SESSION");
    return id;
  }

  /** A bureau session created, its agenda built and its convocation signed at {@code convokedAt}; mails sent. */
  String convokedSession(String sessionDate, String convokedAt, String... items) {
    Workflow.clockAt(convokedAt);
    String session = flow.createSession("bureau", sessionDate, PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(items)));
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();
    return session;
  }

  /** At the session's hour the roll call opens; those listed are present, the others excused. */
  void openAndCallRoll(String session, String sessionDate, List<String> present) {
    Workflow.clockAt(sessionDate);
    flow.executeJobs();
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(
        "attendance", attendance(present), "presidingMemberId", "ccoulon", "sessionSecretaryId", present.get(1)));
  }



  void signAndNotify(String id, String at) {
    Workflow.clockAt(at);
    flow.completeOk("ccoulon", id, TASK_SIGN, Map.of(SIGNED, true));
    flow.prefectureAcknowledges();
    assertThat(flow.get("directeur", "/api/deliberations/" + id)).containsEntry("status", "NOTIFIED");
  }

  /** The number the bureau's register gives next for that year. */
  String nextNumber(int year) {
    int next = jdbc.sql("select next_number from comitia.register_counter where body_id = 'bureau' and year = :year")
        .param("year", year).query(Integer.class).optional().orElse(1);
    return year + "-" + next;
  }

  boolean waitingForSession(String id) {
    return runtimeService.createExecutionQuery().processInstanceBusinessKey(id)
        .messageEventSubscriptionName("DeliberationScheduled").count() == 1;
  }

  HistoricProcessInstance historic(String id) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(id).singleResult();
  }

  String endActivity(String id) {
    HistoricProcessInstance instance = historic(id);
    assertThat(instance.getEndTime()).as("process of %s ended", id).isNotNull();
    return instance.getEndActivityId();
  }

  List<MimeMessage> mailsTo(String address) {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      Address[] recipients;
      try {
        recipients = message.getAllRecipients();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
      if (recipients == null) {
        continue;
      }
      for (Address recipient : recipients) {
        if (recipient instanceof InternetAddress a && a.getAddress().equalsIgnoreCase(address)) {
          mails.add(message);
          break;
        }
      }
    }
    return mails;
  }
}
