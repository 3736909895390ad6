package fr.comitia.web;

import fr.comitia.mail.MailService;
import fr.comitia.register.SessionRecord;
import fr.comitia.register.SessionRecords;
import fr.comitia.roster.Groups;
import fr.comitia.session.SessionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sessions of the assemblies. */
@Tag(name = "Séances", description = "Séances des assemblées : création, lecture, preuve de convocation.")
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
  @Operation(summary = "Créer une séance (démarre sa préparation)")
  @ApiDoc.Refuses({400, 403})
  @ResponseStatus(HttpStatus.CREATED)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> create(@RequestBody NewSession request) {
    currentUser.requireGroup(Groups.SECRETARIAT, "la création d'une séance");
    String id = service.submit(request.bodyId(), request.sessionDate(), request.place());
    return ResponseEntity.created(URI.create("/api/sessions/" + id)).body(Map.of("id", id));
  }

  @Operation(summary = "Lire une séance (ordre du jour, appel, votes, procès-verbal)")
  @ApiDoc.Refuses({403, 404})
  @GetMapping("/{id}")
  SessionRecord session(@PathVariable String id) {
    return access.session(
        records.find(id).orElseThrow(() -> ApiException.notFound("Séance « " + id + " » introuvable.")));
  }

  @Operation(summary = "Lister les séances, d'une assemblée ou de toutes")
  @GetMapping
  List<SessionRecord> sessions(@RequestParam(required = false) String body) {
    return access.sessions(records.list(body));
  }

  /** Proof of convocation: every convocation mail and its state (QUEUED, SENDING, SENT, FAILED with the reply). */
  @Operation(summary = "Preuve de convocation : chaque courriel de convocation et son état")
  @ApiDoc.Refuses({403, 404})
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
