package fr.comitia.web;

import static fr.comitia.deliberation.DeliberationVariables.APPROVED;
import static fr.comitia.deliberation.DeliberationVariables.SIGNED;
import static fr.comitia.session.SessionVariables.AGENDA;
import static fr.comitia.session.SessionVariables.URGENT;

import static fr.comitia.deliberation.DeliberationVariables.TASK_REVIEW;
import static fr.comitia.deliberation.DeliberationVariables.TASK_SIGN;
import static fr.comitia.session.SessionVariables.TASK_BUILD_AGENDA;
import static fr.comitia.session.SessionVariables.TASK_CLOSE;
import static fr.comitia.session.SessionVariables.TASK_SIGN_CONVOCATION;

import static org.assertj.core.api.Assertions.assertThat;

import fr.comitia.ComitiaTest;
import fr.comitia.support.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Who reads what on {@code /api}, on a register played through the real processes:
 * <ul>
 *   <li>{@code adopted}: 2022-14, adopted and signed at session {@code s1} (comité syndical, closed);
 *   <li>{@code inReview}: a draft the direction has not validated;
 *   <li>{@code validated}: validated, on no agenda;
 *   <li>{@code unconvoked}: on the agenda of {@code s2} (comité syndical), convocation not signed;
 *   <li>{@code bureauDraft}: on the agenda of {@code s3} (bureau: lmonnet sits there, jldauchy does not),
 *       convocation signed.
 * </ul>
 */
@ComitiaTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberReadsIT {

  static final String PLACE = "Lille, dans les locaux du Conseil régional des Hauts-de-France";

  @Autowired Workflow flow;
  String adopted;
  String inReview;
  String validated;
  String unconvoked;
  String bureauDraft;
  String s1;
  String s2;
  String s3;

  @BeforeAll
  void playTheRegister() {
    Workflow.Seed seed = flow.seedAdopted(PLACE);
    adopted = seed.deliberationId();
    s1 = seed.sessionId();
    Workflow.clockAt("2022-06-17T15:00:00+02:00");
    flow.completeOk("ccoulon", adopted, TASK_SIGN, Map.of(SIGNED, true));
    flow.prefectureAcknowledges();
    flow.completeOk("secretariat", s1, TASK_CLOSE, Map.of());
    flow.executeJobs();

    Workflow.clockAt("2022-06-20T09:00:00+02:00");
    inReview = flow.submit(draft("comitesyndical", "Projet en cours de validation"));
    validated = flow.submit(draft("comitesyndical", "Projet validé, sans séance"));
    flow.completeOk("directeur", validated, TASK_REVIEW, Map.of(APPROVED, true));
    unconvoked = flow.submit(draft("comitesyndical", "Projet d'une séance non convoquée"));
    flow.completeOk("directeur", unconvoked, TASK_REVIEW, Map.of(APPROVED, true));
    bureauDraft = flow.submit(draft("bureau", "Projet soumis au bureau"));
    flow.completeOk("directeur", bureauDraft, TASK_REVIEW, Map.of(APPROVED, true));

    s3 = flow.createSession("bureau", "2022-07-07T10:00:00+02:00", PLACE);
    flow.completeOk("secretariat", s3, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(bureauDraft)));
    s2 = flow.createSession("comitesyndical", "2022-09-15T10:00:00+02:00", PLACE);
    flow.completeOk("secretariat", s2, TASK_BUILD_AGENDA, Map.of(AGENDA, List.of(unconvoked)));
    Workflow.clockAt("2022-06-25T11:00:00+02:00");
    flow.completeOk("ccoulon", s3, TASK_SIGN_CONVOCATION, Map.of(URGENT, false));
    flow.executeJobs();
  }

  @AfterAll
  void resetClock() {
  }

  private Map<String, Object> draft(String bodyId, String object) {
    Map<String, Object> draft = new LinkedHashMap<>(flow.resource("/seed/deliberation-2022-14.json"));
    draft.put("bodyId", bodyId);
    draft.put("object", object);
    return draft;
  }

  private ResponseEntity<String> get(String user, String path) {
    return flow.as(user).getForEntity(path, String.class);
  }

  private Map<String, Object> json(String user, String path) {
    return flow.get(user, path);
  }

  private List<Map<String, Object>> list(String user, String path) {
    ResponseEntity<List<Map<String, Object>>> response = flow.as(user).exchange(path, HttpMethod.GET, null,
        new ParameterizedTypeReference<>() {});
    assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private static List<Object> ids(List<Map<String, Object>> items) {
    return items.stream().map(i -> i.get("id")).toList();
  }

  private void refused(String user, String path, String message) {
    ResponseEntity<String> response = get(user, path);
    assertThat(response.getStatusCode()).as("%s reads %s", user, path).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(response.getBody()).as(path).contains(message);
  }

  @Test
  void aMemberListsOnlyAdoptedActsAndTheDraftsOfTheSessionsTheyAreConvokedTo() {
    assertThat(ids(list("lmonnet", "/api/deliberations"))).containsExactlyInAnyOrder(adopted, bureauDraft);
    assertThat(list("lmonnet", "/api/deliberations?status=IN_REVIEW")).isEmpty();
    assertThat(list("lmonnet", "/api/deliberations?status=AWAITING_SESSION")).isEmpty();
    assertThat(ids(list("jldauchy", "/api/deliberations"))).containsExactly(adopted);

    assertThat(ids(list("directeur", "/api/deliberations")))
        .containsExactlyInAnyOrder(adopted, inReview, validated, unconvoked, bureauDraft);
    assertThat(ids(list("redacteur", "/api/deliberations?status=IN_REVIEW"))).containsExactly(inReview);
  }

  @Test
  void aMemberReadsNoDraftUnderReviewOrNotYetConvoked() {
    for (String id : List.of(inReview, validated, unconvoked)) {
      refused("lmonnet", "/api/deliberations/" + id, "un élu ne lit que les actes adoptés");
      refused("lmonnet", "/api/deliberations/" + id + "/draft.pdf", "un élu ne lit que les actes adoptés");
      refused("lmonnet", "/api/deliberations/" + id + "/extract.html", "un élu ne lit que les actes adoptés");
      refused("lmonnet", "/api/deliberations/" + id + "/extract.pdf", "un élu ne lit que les actes adoptés");
    }
    // Not a member of the bureau: its agenda is not theirs.
    refused("jldauchy", "/api/deliberations/" + bureauDraft, "un élu ne lit que les actes adoptés");
    refused("jldauchy", "/api/deliberations/" + bureauDraft + "/draft.pdf", "un élu ne lit que les actes adoptés");

    for (String user : List.of("directeur", "secretariat", "redacteur", "ccoulon")) {
      assertThat(get(user, "/api/deliberations/" + inReview).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(get(user, "/api/deliberations/" + inReview + "/draft.pdf").getStatusCode()).as(user)
          .isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void aMemberReadsTheDraftsOnTheAgendaOfTheirSignedConvocation() {
    Map<String, Object> record = json("lmonnet", "/api/deliberations/" + bureauDraft);
    assertThat(record).containsEntry("object", "Projet soumis au bureau").containsEntry("reviews", List.of());
    ResponseEntity<byte[]> pdf = flow.as("lmonnet").getForEntity("/api/deliberations/" + bureauDraft + "/draft.pdf",
        byte[].class);
    assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(new String(pdf.getBody(), 0, 5)).isEqualTo("%PDF-");
    refused("lmonnet", "/api/deliberations/" + bureauDraft + "/extract.pdf",
        "un élu ne lit l'extrait du registre que d'un acte adopté");
  }

  @Test
  void aMemberReadsAdoptedActsWithoutThePartnersAddressesNorTheReviews() {
    for (String user : List.of("lmonnet", "jldauchy")) {
      Map<String, Object> record = json(user, "/api/deliberations/" + adopted);
      assertThat(record).containsEntry("number", "2022-14").containsEntry("reviews", List.of());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> notifications = (List<Map<String, Object>>) record.get("notifications");
      assertThat(notifications).singleElement().satisfies(n -> assertThat(n).containsEntry("email", null)
          .containsEntry("partnerId", "regionhdfent"));
      assertThat(get(user, "/api/deliberations/" + adopted + "/extract.pdf").getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(get(user, "/api/deliberations/" + adopted + "/extract.html").getBody()).contains("2022");
      assertThat(get(user, "/api/deliberations/" + adopted + "/draft.pdf").getStatusCode()).isEqualTo(HttpStatus.OK);
      refused(user, "/api/deliberations/" + adopted + "/mails", "adresses des partenaires");
    }
    assertThat(get("lmonnet", "/api/deliberations").getBody()).doesNotContain("@");
  }

  @Test
  void partnersAddressesAreForTheDirectionTheSecretariatAndTheAdministrators() {
    for (String user : List.of("directeur", "secretariat", "admin")) {
      assertThat(get(user, "/api/deliberations/" + adopted).getBody()).as(user)
          .contains("groupement-ent@region-hdf.example.org");
      assertThat(get(user, "/api/forms/start-choices").getBody()).as(user)
          .contains("groupement-ent@region-hdf.example.org");
      assertThat(get(user, "/api/deliberations/" + adopted + "/mails").getStatusCode()).isEqualTo(HttpStatus.OK);
    }
    for (String user : List.of("redacteur", "ccoulon", "lmonnet")) {
      assertThat(get(user, "/api/deliberations/" + adopted).getBody()).as(user)
          .doesNotContain("groupement-ent@region-hdf.example.org");
      ResponseEntity<String> choices = get(user, "/api/forms/start-choices");
      assertThat(choices.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(choices.getBody()).as(user).contains("regionhdfent").doesNotContain("@");
    }
    assertThat(json("directeur", "/api/deliberations/" + adopted).get("reviews")).asList().isNotEmpty();
  }

  @Test
  void aMemberReadsOnlyTheSessionsTheyAreConvokedToAndTheirDocuments() {
    assertThat(ids(list("lmonnet", "/api/sessions"))).containsExactlyInAnyOrder(s1, s3);
    assertThat(ids(list("jldauchy", "/api/sessions"))).containsExactly(s1);
    assertThat(ids(list("secretariat", "/api/sessions"))).containsExactlyInAnyOrder(s1, s2, s3);

    assertThat(json("lmonnet", "/api/sessions/" + s3)).containsEntry("status", "CONVOKED");
    assertThat(get("lmonnet", "/api/sessions/" + s3 + "/convocation.pdf").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("lmonnet", "/api/sessions/" + s1 + "/minutes.pdf").getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("lmonnet", "/api/sessions/" + s1 + "/deliberations.pdf").getStatusCode()).isEqualTo(HttpStatus.OK);

    for (String path : List.of("/api/sessions/" + s2, "/api/sessions/" + s2 + "/convocation.pdf")) {
      refused("lmonnet", path, "un élu ne lit que les séances auxquelles il est convoqué");
    }
    refused("jldauchy", "/api/sessions/" + s3, "un élu ne lit que les séances auxquelles il est convoqué");
    refused("jldauchy", "/api/sessions/" + s3 + "/convocation.pdf", "un élu ne lit que les séances");
    refused("lmonnet", "/api/sessions/" + s1 + "/convocations", "adresses des membres");
    assertThat(get("directeur", "/api/sessions/" + s2).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(get("secretariat", "/api/sessions/" + s1 + "/convocations").getBody())
        .contains("luc.monnet@elus.example.org");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMemberSeesTheirOwnAddressAndNobodyElses() {
    Map<String, Object> body = json("lmonnet", "/api/bodies/comitesyndical?date=2022-06-16");
    List<Map<String, Object>> members = (List<Map<String, Object>>) body.get("members");
    assertThat(members).hasSize(22);
    assertThat(members).filteredOn(m -> "lmonnet".equals(m.get("id"))).singleElement()
        .satisfies(m -> assertThat(m).containsEntry("email", "luc.monnet@elus.example.org"));
    assertThat(members).filteredOn(m -> !"lmonnet".equals(m.get("id")))
        .hasSize(21).allSatisfy(m -> assertThat(m).containsEntry("email", null).containsKey("lastName"));
    assertThat(get("lmonnet", "/api/bodies/bureau").getBody()).contains("luc.monnet@elus.example.org")
        .doesNotContain("benedicte.messeanne-grobelny@elus.example.org");
    assertThat(get("lmonnet", "/api/sessions/" + s1).getBody()).doesNotContain("@");

    List<Map<String, Object>> seen = (List<Map<String, Object>>) json("directeur", "/api/bodies/comitesyndical")
        .get("members");
    assertThat(seen).allSatisfy(m -> assertThat((String) m.get("email")).contains("@"));
  }
}
