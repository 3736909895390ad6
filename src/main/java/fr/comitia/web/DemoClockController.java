package fr.comitia.web;

import fr.comitia.demo.DemoClock;
import fr.comitia.platform.FrenchDates;
import fr.comitia.platform.LinkSigner;
import fr.comitia.roster.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The demonstration's clock for the administrator (profile {@code demo} only, refused elsewhere):
 * a page {@code /api/demo/horloge} (read with the Tasklist session; its buttons post the page's signed token) with « Aller à la séance » and « Aller à la prochaine échéance »,
 * and the same as JSON under {@code /api/demo/clock}.
 */
@Tag(name = "Démonstration")
@Controller
class DemoClockController {

  private static final String PURPOSE = "demo-clock";

  private final DemoClock clock;
  private final CurrentUser currentUser;
  private final LinkSigner signer;

  DemoClockController(DemoClock clock, CurrentUser currentUser, LinkSigner signer) {
    this.clock = clock;
    this.currentUser = currentUser;
    this.signer = signer;
  }

  @GetMapping("/api/demo/horloge")
  String page(@RequestParam(required = false) String fait, Model model) {
    check();
    model.addAttribute("now", FrenchDates.dayAndTime(clock.now().atOffset(java.time.ZoneOffset.UTC)));
    model.addAttribute("dueDates", clock.dueDates().stream().limit(20).map(d -> Map.of(
        "when", FrenchDates.dayAndTime(d.dueAt().atOffset(java.time.ZoneOffset.UTC)),
        "what", d.what() == null ? "—" : d.what(),
        "key", d.businessKey() == null ? "—" : d.businessKey())).toList());
    model.addAttribute("done", fait);
    model.addAttribute("token", signer.sign(PURPOSE, currentUser.id(), clock.now().plus(8, ChronoUnit.HOURS)));
    return "web/demo-clock";
  }

  /** The page's buttons: « seance », « echeance » or « reel »; the page's token guards against forged posts. */
  @PostMapping("/api/demo/horloge")
  String move(@RequestParam(required = false) String cible, @RequestParam(required = false) String jeton,
      org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
    check();
    if (!signer.verify(PURPOSE, jeton).filter(currentUser.id()::equals).isPresent()) {
      throw ApiException.forbidden("Jeton de la page absent ou périmé : rechargez la page de l'horloge.");
    }
    String done = switch (cible == null ? "" : cible) {
      case "seance" -> "Horloge avancée à l'ouverture de la séance : " + describe(clock.next(DemoClock.Target.SESSION));
      case "echeance" -> "Horloge avancée à : " + describe(clock.next(DemoClock.Target.NEXT_DUE_DATE));
      case "reel" -> {
        clock.reset();
        yield "Horloge revenue à l'heure réelle.";
      }
      default -> throw ApiException.badRequest("Cible « " + cible + " » inconnue : seance, echeance ou reel.");
    };
    redirect.addAttribute("fait", done);
    return "redirect:/api/demo/horloge";
  }

  /** JSON: the engine's time and what waits for it. */
  @Operation(summary = "Lire l'horloge de démonstration et les prochaines échéances")
  @ApiDoc.Refuses({403, 404})
  @GetMapping(value = "/api/demo/clock", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> state() {
    check();
    return Map.of("now", clock.now().toString(), "dueDates", clock.dueDates());
  }

  /** JSON: moves to the next due date ({@code target} NEXT_DUE_DATE) or session opening (SESSION). */
  @Operation(summary = "Avancer l'horloge de démonstration jusqu'à la prochaine échéance ou la séance")
  @ApiDoc.Refuses({400, 403, 404})
  @PostMapping(value = "/api/demo/clock/next", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  DemoClock.DueDate next(@RequestParam(defaultValue = "NEXT_DUE_DATE") String target) {
    check();
    DemoClock.Target parsed;
    try {
      parsed = DemoClock.Target.valueOf(target);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Cible « " + target + " » inconnue : NEXT_DUE_DATE ou SESSION.");
    }
    return clock.next(parsed);
  }

  private static String describe(DemoClock.DueDate due) {
    return FrenchDates.dayAndTime(due.dueAt().atOffset(java.time.ZoneOffset.UTC)) + " (" + due.what()
        + (due.businessKey() == null ? "" : ", " + due.businessKey()) + ")";
  }

  private void check() {
    if (!clock.available()) {
      throw ApiException.notFound("L'horloge de démonstration n'existe que dans le profil demo : en production, le "
          + "temps de Comitia est celui du serveur.");
    }
    currentUser.requireGroup(Groups.ADMIN, "l'horloge de démonstration");
  }
}
