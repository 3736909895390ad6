package fr.comitia.session;

import static fr.comitia.support.Workflow.BUREAU;
import static fr.comitia.support.Workflow.attendance;
import static fr.comitia.support.Workflow.vote;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.NEW_SESSION_DATE;
import static fr.comitia.session.SessionVariables.URGENCY_REASON;
import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_RECONVENE;
import static fr.comitia.session.SessionVariables.TASK_RECORD_VOTE;
import static fr.comitia.session.SessionVariables.TASK_ROLL_CALL;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.support.Mails;
import fr.comitia.support.Workflow;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The paths of process {@code session} on the body « bureau » (5 members, CGCT: 5 clear days, 3
 * present for the quorum): no quorum then reconvocation, the convocation delay and urgency, the
 * agenda's refusals, who signs the convocation, and the proof of convocation.
 */
@ComitiaTest
class SessionPathsIT {

  static final Map<String, String> EMAILS = Map.of(
      "ccoulon", "christophe.coulon@elus.example.org",
      "bmesseannegrobelny", "benedicte.messeanne-grobelny@elus.example.org",
      "gbartholomeus", "gregory.bartholomeus@elus.example.org",
      "avanpeene", "anne.vanpeene@elus.example.org",
      "lmonnet", "luc.monnet@elus.example.org");
  static final String PLACE = "Lille, siège du Syndicat mixte";

  @Autowired RuntimeService runtimeService;
  @Autowired GreenMail smtp;
  @Autowired Workflow flow;

  // --- No quorum, reconvened --------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void withoutQuorumTheBureauIsReconvenedAndThenDeliberatesWithoutQuorumCondition() {
    Workflow.clockAt("2023-03-01T09:00:00+01:00");
    String item = approvedDraft("Renouvellement du contrat de maintenance du réseau");
    Workflow.clockAt("2023-03-08T09:00:00+01:00");
    String session = flow.createSession("bureau", "2023-03-20T10:00:00+01:00", PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(item)));
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();
    assertThat(mailsWithId("convocation-" + session + "-1-")).hasSize(5);

    Workflow.clockAt("2023-03-20T10:00:00+01:00");
    flow.executeJobs();
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(
        "attendance", attendance(List.of("ccoulon", "lmonnet")), "presidingMemberId", "ccoulon",
        "sessionSecretaryId", "lmonnet"));

    assertThat(flow.hasTask(session, TASK_RECORD_VOTE)).isFalse();
    assertThat(flow.task(session, TASK_RECONVENE).getName()).isEqualTo("Reconvoquer l'assemblée");
    Map<String, Object> noQuorum = flow.get("secretariat", "/api/sessions/" + session);
    assertThat(noQuorum).containsEntry("status", "NO_QUORUM");
    Map<String, Object> quorum = (Map<String, Object>) noQuorum.get("quorum");
    assertThat(quorum).containsEntry("regime", "CGCT_ORDINARY").containsEntry("inOffice", 5)
        .containsEntry("present", 2).containsEntry("required", 3).containsEntry("reached", false)
        .containsEntry("figures", "2 présents sur 5 membres en exercice, 3 requis");
    assertThat(flow.get("directeur", "/api/deliberations/" + item)).containsEntry("status", "SCHEDULED")
        .containsEntry("vote", null);

    // Only 2 clear days later: refused, the task stays open.
    Workflow.clockAt("2023-03-20T10:30:00+01:00");
    Task reconvene = flow.task(session, TASK_RECONVENE);
    String refusal = flow.completeRefused("secretariat", session, TASK_RECONVENE,
        Map.of("newSessionDate", "2023-03-23T10:00:00+01:00"));
    assertThat(refusal).isEqualTo("Reconvocation refusée : la nouvelle séance du 23 mars 2023 n'est qu'à 2 jours francs "
        + "de la séance du 20 mars 2023 qui n'a pas atteint le quorum, 3 jours francs requis (CGCT L2121-17)");
    assertThat(flow.task(session, TASK_RECONVENE).getId()).isEqualTo(reconvene.getId());
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("status", "NO_QUORUM")
        .containsEntry("sitting", 1);
    assertThat(mailsWithId("convocation-" + session + "-2-")).isEmpty();

    // 3 clear days after the sitting that lacked the quorum (sent the next day: the delay runs from the sitting).
    Workflow.clockAt("2023-03-21T09:00:00+01:00");
    flow.completeOk("secretariat", session, TASK_RECONVENE, Map.of(NEW_SESSION_DATE, "2023-03-24T10:00:00+01:00"));
    flow.executeJobs();
    Map<String, Object> reconvened = flow.get("secretariat", "/api/sessions/" + session);
    assertThat(reconvened).containsEntry("status", "RECONVOKED").containsEntry("sitting", 2)
        .containsEntry("quorumRequired", false);
    List<MimeMessage> reconvocations = mailsWithId("convocation-" + session + "-2-");
    assertThat(reconvocations).hasSize(5);
    List<String> recipients = new ArrayList<>();
    for (MimeMessage mail : reconvocations) {
      assertThat(subject(mail)).startsWith("Reconvocation");
      assertThat(Mails.text(mail)).contains("sans condition de quorum");
      recipients.add(recipient(mail));
    }
    assertThat(recipients).containsExactlyInAnyOrderElementsOf(EMAILS.values());

    // At the new date one member present is enough.
    Workflow.clockAt("2023-03-24T10:00:00+01:00");
    flow.executeJobs();
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(
        "attendance", attendance(List.of("ccoulon")), "presidingMemberId", "ccoulon", "sessionSecretaryId", "ccoulon"));
    Map<String, Object> sitting = flow.get("secretariat", "/api/sessions/" + session);
    assertThat(sitting).containsEntry("status", "IN_SESSION");
    Map<String, Object> noCondition = (Map<String, Object>) sitting.get("quorum");
    assertThat(noCondition).containsEntry("regime", "RECONVOCATION").containsEntry("present", 1)
        .containsEntry("reached", true)
        .containsEntry("figures", "1 présent sur 5 membres en exercice, sans condition de quorum");
    assertThat(flow.task(session, TASK_RECORD_VOTE).getName())
        .isEqualTo("Vote : Renouvellement du contrat de maintenance du réseau");
    flow.completeOk("secretariat", session, TASK_RECORD_VOTE, vote(1, 0, 0));
    Map<String, Object> adopted = flow.get("directeur", "/api/deliberations/" + item);
    assertThat(adopted).containsEntry("status", "ADOPTED");
    assertThat((String) adopted.get("number")).startsWith("2023-");
    assertThat((Map<String, Object>) adopted.get("quorum")).containsEntry("regime", "RECONVOCATION")
        .containsEntry("sentence", "Sur reconvocation, le bureau peut valablement délibérer sans condition de quorum.");
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("status", "CLOSED");
  }

  // --- Convocation delay and urgency ------------------------------------------------------------------

  @Test
  void theConvocationDelayIsCheckedAtSigningAndUrgencyNeedsAReason() {
    Workflow.clockAt("2024-03-01T09:00:00+01:00");
    String item = approvedDraft("Demande de subvention au titre de la DSIL");
    String session = flow.createSession("bureau", "2024-03-15T10:00:00+01:00", PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(item)));

    // Signed on the 10th for the 15th: 4 clear days (11 to 14), 5 required.
    Workflow.clockAt("2024-03-10T09:00:00+01:00");
    Task sign = flow.task(session, TASK_SIGN_CONVOCATION);
    assertThat(flow.completeRefused("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false)))
        .isEqualTo("Délai de convocation non respecté : 4 jours francs entre le 10 mars 2024 et le 15 mars 2024, "
            + "5 requis (CGCT L2121-12)")
        .contains("5 requis");
    assertThat(flow.task(session, TASK_SIGN_CONVOCATION).getId()).isEqualTo(sign.getId());
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("status", "AGENDA_READY")
        .containsEntry("convocationDate", null).containsEntry("urgent", false);
    assertThat(flow.get("directeur", "/api/deliberations/" + item)).containsEntry("status", "AWAITING_SESSION");

    // Urgent, on the 12th (2 clear days): a reason is required.
    Workflow.clockAt("2024-03-12T09:00:00+01:00");
    assertThat(flow.completeRefused("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, true)))
        .isEqualTo("Urgence : le motif de l'urgence est obligatoire").contains("motif");
    assertThat(flow.completeRefused("ccoulon", session, TASK_SIGN_CONVOCATION,
        Map.of("urgent", true, "urgencyReason", "   "))).contains("motif");
    assertThat(flow.task(session, TASK_SIGN_CONVOCATION).getId()).isEqualTo(sign.getId());
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("convocationDate", null);

    String reason = "Date limite de dépôt du dossier DSIL fixée au 18 mars 2024";
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, true, URGENCY_REASON, reason));
    flow.executeJobs();
    Map<String, Object> convoked = flow.get("secretariat", "/api/sessions/" + session);
    assertThat(convoked).containsEntry("status", "CONVOKED").containsEntry("urgent", true)
        .containsEntry("urgencyReason", reason).containsEntry("convocationDate", "2024-03-12")
        .containsEntry("convokedBy", "ccoulon");
    assertThat(flow.get("directeur", "/api/deliberations/" + item)).containsEntry("status", "SCHEDULED");
    List<MimeMessage> convocations = mailsWithId("convocation-" + session + "-1-");
    assertThat(convocations).hasSize(5);
    for (MimeMessage mail : convocations) {
      assertThat(subject(mail)).startsWith("Convocation");
      assertThat(Mails.text(mail)).contains("urgence").contains(reason);
    }
  }

  // --- Agenda ------------------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void theAgendaHoldsApprovedItemsWaitingForASessionEachOnOneOpenSessionOnly() {
    Workflow.clockAt("2024-05-02T09:00:00+02:00");
    String approved = approvedDraft("Plan de formation des agents 2024");
    String inReview = flow.submit(draft("Règlement de télétravail"));
    String first = flow.createSession("bureau", "2024-05-21T10:00:00+02:00", PLACE);
    String second = flow.createSession("bureau", "2024-05-28T10:00:00+02:00", PLACE);
    Task build = flow.task(first, TASK_BUILD_AGENDA);

    assertThat(flow.completeRefused("secretariat", first, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of())))
        .isEqualTo("Ordre du jour vide : inscrivez au moins une délibération validée.");
    assertThat(flow.completeRefused("secretariat", first, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(approved, inReview))))
        .isEqualTo("Ordre du jour refusé : « " + inReview + " » n'est pas une délibération validée en attente de "
            + "séance (en validation par la direction).");
    assertThat(flow.task(first, TASK_BUILD_AGENDA).getId()).isEqualTo(build.getId());
    Map<String, Object> untouched = flow.get("secretariat", "/api/sessions/" + first);
    assertThat(untouched).containsEntry("status", "PLANNED");
    assertThat((List<Object>) untouched.get("agenda")).isEmpty();

    flow.completeOk("secretariat", first, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(approved)));
    assertThat(flow.task(first, TASK_SIGN_CONVOCATION).getName()).isEqualTo("Signer la convocation");
    Map<String, Object> ready = flow.get("secretariat", "/api/sessions/" + first);
    assertThat(ready).containsEntry("status", "AGENDA_READY");
    assertThat((List<Map<String, Object>>) ready.get("agenda")).singleElement()
        .satisfies(i -> assertThat(i).containsEntry("deliberationId", approved).containsEntry("position", 1));

    assertThat(flow.completeRefused("secretariat", second, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(approved))))
        .isEqualTo("Ordre du jour refusé : « " + approved + " » est déjà inscrite à la séance " + first + ".")
        .contains("déjà inscrite");
    assertThat(flow.task(second, TASK_BUILD_AGENDA)).isNotNull();
    assertThat((List<Object>) flow.get("secretariat", "/api/sessions/" + second).get("agenda")).isEmpty();
  }

  // --- Who signs the convocation ----------------------------------------------------------------------

  @Test
  void onlyThePresidentOfTheBodySignsTheConvocation() {
    Workflow.clockAt("2024-06-03T09:00:00+02:00");
    String item = approvedDraft("Avenant au marché de fibre optique");
    String session = flow.createSession("bureau", "2024-06-20T18:00:00+02:00", PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(item)));
    Task sign = flow.task(session, TASK_SIGN_CONVOCATION);

    for (String user : List.of("lmonnet", "secretariat")) {
      ResponseEntity<Map<String, Object>> refused = flow.complete(user, sign, Map.of(URGENT, false));
      assertThat(refused.getStatusCode().value()).as("%s: %s", user, refused.getBody()).isNotEqualTo(204)
          .isBetween(400, 499);
      assertThat(flow.task(session, TASK_SIGN_CONVOCATION).getId()).isEqualTo(sign.getId());
    }
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("status", "AGENDA_READY")
        .containsEntry("convocationDate", null).containsEntry("convokedBy", null);
    assertThat(flow.get("directeur", "/api/deliberations/" + item)).containsEntry("status", "AWAITING_SESSION");

    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    assertThat(flow.hasTask(session, TASK_SIGN_CONVOCATION)).isFalse();
    assertThat(flow.get("secretariat", "/api/sessions/" + session)).containsEntry("status", "CONVOKED")
        .containsEntry("convocationDate", "2024-06-03").containsEntry("convokedBy", "ccoulon");
    assertThat(flow.get("directeur", "/api/deliberations/" + item)).containsEntry("status", "SCHEDULED");
  }

  // --- Proof of convocation ---------------------------------------------------------------------------

  @Test
  void everyMemberInOfficeHasOneSentConvocation() {
    Workflow.clockAt("2024-09-02T09:00:00+02:00");
    String item = approvedDraft("Rapport d'activité 2023");
    String session = flow.createSession("bureau", "2024-09-19T18:00:00+02:00", PLACE);
    flow.completeOk("secretariat", session, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(item)));
    flow.completeOk("ccoulon", session, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();

    ResponseEntity<List<Map<String, Object>>> response = flow.as("secretariat").exchange(
        "/api/sessions/" + session + "/convocations", HttpMethod.GET, null, new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    List<Map<String, Object>> deliveries = response.getBody();
    assertThat(deliveries).hasSize(5);
    Map<String, String> recipients = new LinkedHashMap<>();
    for (Map<String, Object> delivery : deliveries) {
      assertThat(delivery).containsEntry("kind", "CONVOCATION").containsEntry("status", "SENT")
          .containsEntry("sessionId", session).containsEntry("attempts", 1);
      assertThat(delivery.get("sentAt")).isNotNull();
      assertThat((String) delivery.get("subject")).startsWith("Convocation — Bureau du jeudi 19 septembre 2024");
      recipients.put((String) delivery.get("recipientId"), (String) delivery.get("recipient"));
    }
    assertThat(recipients).isEqualTo(EMAILS);
    assertThat(mailsWithId("convocation-" + session + "-1-")).hasSize(5);
  }

  // --- Helpers -------------------------------------------------------------------------------------------

  static Map<String, Object> draft(String object) {
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("bodyId", "bureau");
    draft.put("object", object);
    draft.put("preamble", "Le bureau est invité à se prononcer sur « " + object + " ».");
    draft.put("visas", List.of("Vu le code général des collectivités territoriales,"));
    draft.put("proposal", "Sur proposition du Président");
    draft.put("articles", List.of(Map.of("verb", "DECIDE", "text", "d'approuver le projet qui lui est soumis.")));
    draft.put("matiere", "5.2");
    draft.put("partners", List.of());
    return draft;
  }

  String approvedDraft(String object) {
    String id = flow.submit(draft(object));
    flow.completeOk("directeur", id, TASK_REVIEW, Map.of(APPROVED, true));
    return id;
  }



  /** Received mails whose Message-ID is that of a delivery starting with {@code prefix}. */
  List<MimeMessage> mailsWithId(String prefix) {
    List<MimeMessage> mails = new ArrayList<>();
    try {
      for (MimeMessage message : smtp.getReceivedMessages()) {
        String id = message.getMessageID();
        if (id != null && id.startsWith("<" + prefix)) {
          mails.add(message);
        }
      }
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
    return mails;
  }

  static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String recipient(MimeMessage mail) {
    try {
      return ((jakarta.mail.internet.InternetAddress) mail.getAllRecipients()[0]).getAddress();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
