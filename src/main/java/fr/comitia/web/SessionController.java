package fr.comitia.web;

import fr.comitia.mail.MailService;
import fr.comitia.roster.Groups;
import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import fr.comitia.session.SessionService;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sessions of the assemblies. */
@RestController
@RequestMapping("/api/sessions")
class SessionController {

  private final SessionService service;
  private final SessionRecords records;
  private final MailService mail;
  private final CurrentUser currentUser;
  private final ReadAccess access;

  SessionController(SessionService service, SessionRecords records, MailService mail, CurrentUser currentUser,
      ReadAccess access) {
    this.service = service;
    this.records = records;
    this.mail = mail;
    this.currentUser = currentUser;
    this.access = access;
  }

  record NewSession(String bodyId, String sessionDate, String place) {}

  /** Starts process {@code session}; 201 with its id, or 400 with the faults. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(@RequestBody NewSession request) {
    currentUser.requireGroup(Groups.SECRETARIAT, "la création d'une séance");
    String id = service.submit(request.bodyId(), request.sessionDate(), request.place());
    return ResponseEntity.created(URI.create("/api/sessions/" + id)).body(Map.of("id", id));
  }

  @GetMapping("/{id}")
  SessionRecord session(@PathVariable String id) {
    return access.session(
        records.find(id).orElseThrow(() -> ApiException.notFound("Séance « " + id + " » introuvable.")));
  }

  @GetMapping
  List<SessionRecord> sessions(@RequestParam(required = false) String body) {
    return access.sessions(records.list(body));
  }

  /** Proof of convocation: every convocation mail and its state (QUEUED, SENDING, SENT, FAILED with the reply). */
  @GetMapping("/{id}/convocations")
  List<MailService.Delivery> convocations(@PathVariable String id) {
    session(id);
    if (!access.staff()) {
      throw ApiException.forbidden("Accès refusé : la preuve de convocation (adresses des membres) est réservée à la "
          + "rédaction, à la direction, au secrétariat des assemblées, à la présidence et aux administrateurs.");
    }
    return mail.forSession(id).stream().filter(d -> d.kind().equals("CONVOCATION")).toList();
  }
}
