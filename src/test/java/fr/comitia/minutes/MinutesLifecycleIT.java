package fr.comitia.minutes;

import static fr.comitia.minutes.MinutesVariables.SIGNED;
import static fr.comitia.minutes.MinutesVariables.TASK_COUNTERSIGN_MINUTES;
import static fr.comitia.minutes.MinutesVariables.TASK_SIGN_MINUTES;
import static fr.comitia.session.SessionVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.document.Pdfs;
import fr.comitia.support.Workflow;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The minutes' lifecycle (CGCT L2121-15) through the API, on PostgreSQL: a bureau's second sitting
 * approves the first's minutes by its first vote; the president signs, the first sitting's secretary
 * countersigns, the PDF carries both PAdES signatures (pdfsig) and is published on the public
 * register within the week; the approval is in the second sitting's minutes.
 */
@ComitiaTest
class MinutesLifecycleIT {

  @Autowired Workflow flow;
  @Autowired TestRestTemplate rest;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;

  /** A bureau session convoked and opened, its roll call taken (4 present), secretary M. Luc MONNET. */
  String held(String day, String sessionDate) {
    String session = flow.convoked("bureau", day, sessionDate);
    flow.executeJobs();
    Workflow.clockAt(sessionDate);
    flow.executeJobs();
    flow.completeOk("secretariat", session, TASK_ROLL_CALL, Map.of(
        ATTENDANCE, Workflow.attendance(List.of("ccoulon", "bmesseannegrobelny", "gbartholomeus", "lmonnet")),
        PRESIDING_MEMBER_ID, "ccoulon", SESSION_SECRETARY_ID, "lmonnet"));
    return session;
  }

  void voteItemsAndClose(String session) {
    while (flow.hasTask(session, TASK_RECORD_VOTE)) {
      flow.completeOk("secretariat", session, TASK_RECORD_VOTE, Workflow.vote(4, 0, 0));
    }
    flow.completeOk("secretariat", session, TASK_CLOSE, Map.of());
    flow.executeJobs();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> minutesOf(String session) {
    return (Map<String, Object>) flow.get("secretariat", "/api/sessions/" + session).get("minutes");
  }

  @Test
  void theNextSittingApprovesTheMinutesThenThePresidentAndTheSecretarySignAndTheyArePublished() throws Exception {
    String first = held("2026-03-02", "2026-03-12T18:00:00+01:00");
    // The first sitting of the body has no earlier minutes: its first vote is on its agenda.
    Task firstVote = flow.task(first, TASK_RECORD_VOTE);
    assertThat(runtimeService.getVariablesLocal(firstVote.getExecutionId())).containsKey(DELIBERATION_ID)
        .doesNotContainKey(MINUTES_OF_SESSION_ID);
    voteItemsAndClose(first);
    assertThat(minutesOf(first)).containsEntry("status", "DRAFT").containsEntry("approvedInSessionId", null);

    String second = held("2026-03-20", "2026-04-02T18:00:00+02:00");
    Task approval = flow.minutesVote(second);
    assertThat(approval.getName()).isEqualTo("Vote : Approbation du procès-verbal de la séance du 12 mars 2026");
    assertThat(runtimeService.getVariableLocal(approval.getExecutionId(), MINUTES_OF_SESSION_ID)).isEqualTo(first);
    assertThat(runtimeService.getVariablesLocal(approval.getExecutionId())).doesNotContainKey(DELIBERATION_ID);
    // The figures are checked as for any vote: 5 votes for 4 voters are refused, nothing kept.
    ResponseEntity<Map<String, Object>> refused = flow.complete("secretariat", approval, Workflow.vote(5, 0, 0));
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat((String) refused.getBody().get("message")).contains("4");
    assertThat(minutesOf(first)).containsEntry("status", "DRAFT");

    assertThat(flow.complete("secretariat", approval, Workflow.vote(4, 0, 0)).getStatusCode().value()).isEqualTo(204);

    assertThat(minutesOf(first)).containsEntry("status", "APPROVED").containsEntry("approvedInSessionId", second)
        .containsEntry("publishedAt", null).containsEntry("url", null);
    // The week of L2121-15 runs from the approving sitting.
    assertThat(java.time.OffsetDateTime.parse((String) minutesOf(first).get("publicationDueAt")).toInstant())
        .isEqualTo(java.time.OffsetDateTime.parse("2026-04-09T18:00:00+02:00").toInstant());
    // Then the agenda of the second sitting, its own item.
    assertThat(runtimeService.getVariablesLocal(flow.task(second, TASK_RECORD_VOTE).getExecutionId()))
        .containsKey(DELIBERATION_ID).doesNotContainKey(MINUTES_OF_SESSION_ID);

    // « Signer le procès-verbal » : the president, who must tick the signature.
    Task sign = flow.task(first, TASK_SIGN_MINUTES);
    assertThat(sign.getName()).isEqualTo("Signer le procès-verbal");
    assertThat(flow.completeRefused("ccoulon", first, TASK_SIGN_MINUTES, Map.of(SIGNED, false)))
        .contains("Signature requise");
    flow.completeOk("ccoulon", first, TASK_SIGN_MINUTES, Map.of(SIGNED, true));
    flow.executeJobs();

    // « Contresigner le procès-verbal » : assigned to the first sitting's secretary, only them.
    Task countersign = flow.task(first, TASK_COUNTERSIGN_MINUTES);
    assertThat(countersign.getAssignee()).isEqualTo("lmonnet");
    assertThat(flow.completeRefused("admin", first, TASK_COUNTERSIGN_MINUTES, Map.of(SIGNED, true)))
        .contains("Contreseing refusé").contains("M. Luc MONNET");
    assertThat(minutesOf(first)).containsEntry("status", "APPROVED");
    flow.completeOk("lmonnet", first, TASK_COUNTERSIGN_MINUTES, Map.of(SIGNED, true));
    flow.executeJobs();

    Map<String, Object> minutes = minutesOf(first);
    assertThat(minutes).containsEntry("status", "PUBLISHED");
    assertThat((String) minutes.get("url")).endsWith("/registre/seances/" + first + "/proces-verbal.pdf");
    assertThat(minutes.get("signedAt")).isNotNull();
    assertThat(minutes.get("countersignedAt")).isNotNull();

    // On the public register, without login: the PDF with both signatures, each valid.
    ResponseEntity<byte[]> pdf = rest.getForEntity("/registre/seances/" + first + "/proces-verbal.pdf", byte[].class);
    assertThat(pdf.getStatusCode().value()).isEqualTo(200);
    assertThat(pdf.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PDF)).isTrue();
    try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
      assertThat(document.getSignatureDictionaries()).extracting(PDSignature::getName)
          .containsExactly("Christophe COULON", "Luc MONNET");
    }
    String verdict = Pdfs.pdfsig(pdf.getBody());
    assertThat(verdict).contains("Signature #1").contains("Signature #2");
    assertThat(verdict.split("Signature is Valid\\.", -1)).hasSize(3);
    assertThat(verdict).contains("Christophe COULON").contains("Luc MONNET");
    assertThat(fr.comitia.support.Pdfs.text(pdf.getBody())).contains("PROCÈS-VERBAL").contains("Le Président du Syndicat mixte,")
        .contains("Le secrétaire de séance,");
    String page = rest.getForObject("/registre", String.class);
    assertThat(page).contains("Procès-verbaux des séances").contains("/registre/seances/" + first + "/proces-verbal.pdf");
    assertThat(flow.hasTask(first, "publishMinutes")).isFalse();

    // The second sitting's own minutes say the first's were approved, with the figures.
    voteItemsAndClose(second);
    byte[] secondMinutes = flow.as("secretariat").getForObject("/api/sessions/" + second + "/minutes.pdf", byte[].class);
    assertThat(fr.comitia.support.Pdfs.normalize(fr.comitia.support.Pdfs.text(secondMinutes))).contains(
        "Le procès-verbal de la séance du douze mars deux mille vingt-six est approuvé (voix pour : 4 ; voix contre : 0 ; "
            + "abstentions : 0).");
    assertThat(minutesOf(second)).containsEntry("status", "DRAFT");
  }
}
