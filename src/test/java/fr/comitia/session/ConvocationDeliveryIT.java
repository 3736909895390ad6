package fr.comitia.session;



import fr.comitia.support.Jobs;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import fr.comitia.ComitiaTest;
import fr.comitia.mail.MailService;
import fr.comitia.support.Mails;
import fr.comitia.support.Workflow;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Convocations are never lost and never doubled, whatever the SMTP server does. */
@ComitiaTest
class ConvocationDeliveryIT {

  @Autowired TestRestTemplate rest;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired GreenMail smtp;
  @Autowired JavaMailSenderImpl sender;
  @Autowired MailService mail;
  @Autowired JdbcClient jdbc;
  @Autowired Workflow flow;

  @AfterEach
  void tearDown() {
    sender.setPort(smtp.getSmtp().getPort());
  }


  @Test
  @SuppressWarnings("unchecked")
  void theSmtpServerDownWhile22ConvocationsGoOutThenBackEveryMemberReceivesExactlyOne() throws Exception {
    String session = flow.convoked("comitesyndical", "2028-01-03", "2028-01-20T10:00:00+01:00");
    sender.setPort(Jobs.closedPort());
    assertThat(Jobs.runAllowingFailures(managementService)).isEqualTo(22);
    assertThat(Mails.received(smtp, null, "jeudi 20 janvier 2028")).isEmpty();
    List<Map<String, Object>> proof = rest.withBasicAuth("secretariat", "secretariat-demo")
        .getForObject("/api/sessions/" + session + "/convocations", List.class);
    assertThat(proof).hasSize(22).allSatisfy(d -> {
      assertThat(d).containsEntry("status", "FAILED").containsEntry("attempts", 1);
      assertThat((String) d.get("lastError")).containsIgnoringCase("connect");
    });
    List<Job> waiting = managementService.createJobQuery().processInstanceId(
        runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(session).singleResult().getId()).list();
    assertThat(waiting).hasSize(22).allSatisfy(j -> assertThat(j.getRetries()).isEqualTo(4));

    sender.setPort(smtp.getSmtp().getPort());
    Workflow.clockAt("2028-01-03T09:06:00+01:00");
    assertThat(Jobs.runAllowingFailures(managementService)).isZero();
    List<MimeMessage> received = Mails.received(smtp, null, "jeudi 20 janvier 2028");
    Map<String, Long> perMember = received.stream().collect(Collectors.groupingBy(m -> {
      try {
        return m.getAllRecipients()[0].toString();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }, Collectors.counting()));
    assertThat(perMember).hasSize(22).allSatisfy((member, count) -> assertThat(count).as(member).isEqualTo(1L));
    proof = rest.withBasicAuth("secretariat", "secretariat-demo")
        .getForObject("/api/sessions/" + session + "/convocations", List.class);
    assertThat(proof).allSatisfy(d -> assertThat(d).containsEntry("status", "SENT").containsEntry("attempts", 2));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anInvalidAddressFailsThatMailOnlyEndsAsAnIncidentAndResumesOnceResolved() {
    jdbc.sql("update comitia.member set email = 'luc.monnet@@exemple' where id = 'lmonnet'").update();
    try {
      String session = flow.convoked("bureau", "2028-02-01", "2028-02-17T18:00:00+01:00");
      String processInstance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(session)
          .singleResult().getId();
      int failures = Jobs.runAllowingFailures(managementService);
      for (int attempt = 1; attempt <= 5; attempt++) {
        // R5/PT5M: the next attempt is due five minutes after a failure.
        Workflow.clockAt(java.time.OffsetDateTime.parse("2028-02-01T09:00:00+01:00").plusMinutes(6L * attempt).toString());
        failures += Jobs.runAllowingFailures(managementService);
      }
      assertThat(failures).isEqualTo(5);
      assertThat(Mails.received(smtp, null, "jeudi 17 février 2028")).hasSize(4);
      List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(processInstance).list();
      assertThat(incidents).hasSize(1);
      assertThat(incidents.get(0).getIncidentMessage()).contains("luc.monnet@@exemple");
      List<Map<String, Object>> proof = rest.withBasicAuth("secretariat", "secretariat-demo")
          .getForObject("/api/sessions/" + session + "/convocations", List.class);
      assertThat(proof).filteredOn(d -> "lmonnet".equals(d.get("recipientId"))).singleElement()
          .satisfies(d -> assertThat(d).containsEntry("status", "FAILED").containsEntry("attempts", 5));
      assertThat(proof).filteredOn(d -> "SENT".equals(d.get("status"))).hasSize(4);

      // The secretariat corrects the address; an operator retries the job in Cockpit.
      jdbc.sql("update comitia.member set email = 'luc.monnet@elus.example.org' where id = 'lmonnet'").update();
      managementService.setJobRetries(incidents.get(0).getConfiguration(), 1);
      assertThat(Jobs.runAllowingFailures(managementService)).isZero();
      assertThat(Mails.received(smtp, "luc.monnet@elus.example.org", "jeudi 17 février 2028")).hasSize(1);
      assertThat(runtimeService.createIncidentQuery().processInstanceId(processInstance).count()).isZero();
    } finally {
      jdbc.sql("update comitia.member set email = 'luc.monnet@elus.example.org' where id = 'lmonnet'").update();
    }
  }
}
