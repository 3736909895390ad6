package fr.comitia.deliberation;

import fr.comitia.roster.Classification;
import fr.comitia.register.Draft;

import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;

import fr.comitia.platform.FrenchDates;
import fr.comitia.register.Draft.Article;
import fr.comitia.register.Draft.PartnerRef;
import fr.comitia.platform.TaskFormData;
import fr.comitia.roster.BodyDirectory;
import fr.comitia.roster.Organisation;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * What the Tasklist forms of process {@code deliberation} show beside what they submit: the whole
 * draft as the register has it ({@code draftView}, task-local Json, never submitted).
 */
final class DeliberationForms {

  static final String DRAFT_VIEW = "draftView";
  static final ZoneId PARIS = FrenchDates.ZONE;

  private DeliberationForms() {}

  /**
   * « Valider le projet » and « Corriger le projet » : the draft (object, preamble, visas, proposal,
   * articles, annexes, partners, note), the reviews so far, and for the drafter the members of the
   * body who may be rapporteur and the declared partners.
   */
  @Component("draftViewListener")
  static class DraftViewListener implements TaskListener {
    private final DeliberationRecords records;
    private final DeliberationService service;
    private final Organisation organisation;
    private final BodyDirectory directory;
    private final Classification classification;
    private final Clock clock;

    DraftViewListener(DeliberationRecords records, DeliberationService service, Organisation organisation,
        BodyDirectory directory, Classification classification, Clock clock) {
      this.classification = classification;
      this.records = records;
      this.service = service;
      this.organisation = organisation;
      this.directory = directory;
      this.clock = clock;
    }

    @Override
    public void notify(DelegateTask task) {
      TaskFormData.show(task, DRAFT_VIEW, view(DeliberationDelegates.id(task)));
    }

    Map<String, Object> view(String id) {
      DeliberationRecord record = records.find(id).orElseThrow();
      Draft draft = service.draft(id).orElseThrow();
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", id);
      view.put("statusLabel", record.statusLabel());
      view.put("bodyId", draft.bodyId());
      view.put("bodyName", record.body().name());
      view.put("object", draft.object());
      view.put("rapporteurId", draft.rapporteurId());
      view.put("rapporteur", record.rapporteur() == null ? null : record.rapporteur().fullName());
      view.put("preamble", draft.preamble());
      view.put("visas", draft.visas());
      view.put("proposal", draft.proposal());
      List<Map<String, Object>> articles = new ArrayList<>();
      for (Article a : draft.articles()) {
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("verb", a.verb());
        article.put("text", a.text());
        articles.add(article);
      }
      view.put("articles", articles);
      view.put("annexes", draft.annexes());
      // The annex files (PDF): listed, and joined or removed from the form through the API.
      view.put("annexFiles", record.annexFiles().stream().map(a -> Map.of("id", a.id(), "title", a.title(),
          "size", a.size(), "sha256", a.sha256())).toList());
      List<Map<String, Object>> partners = new ArrayList<>();
      for (PartnerRef p : draft.partners()) {
        Map<String, Object> partner = new LinkedHashMap<>();
        partner.put("partnerId", p.partnerId());
        var declared = p.partnerId() == null ? null : organisation.partner(p.partnerId()).orElse(null);
        partner.put("name", declared != null ? declared.name() : p.name());
        partner.put("email", declared != null ? declared.email() : p.email());
        partners.add(partner);
      }
      view.put("partners", partners);
      view.put("note", draft.note());
      // Its place in the prefecture's classification, and (for the drafter) the choices it offers.
      view.put("nature", draft.nature());
      view.put("natureLabel", record.natureLabel());
      view.put("matiere", draft.matiere());
      view.put("matiereLabel", draft.matiere() == null ? null : draft.matiere() + " " + record.matiereLabel());
      view.put("natures", classification.natures().stream()
          .map(n -> Map.of("code", n.code(), "label", n.code() + " " + n.label())).toList());
      view.put("matieres", classification.leaves().stream()
          .map(m -> Map.of("code", m.code(), "label", m.fullLabel())).toList());
      List<Map<String, Object>> reviews = new ArrayList<>();
      for (DeliberationRecord.Review r : record.reviews() == null ? List.<DeliberationRecord.Review>of() : record.reviews()) {
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("reviewer", name(r.reviewerId()));
        review.put("approved", r.approved());
        review.put("comment", r.comment());
        review.put("on", r.reviewedAt() == null ? null : FrenchDates.dayAndTime(r.reviewedAt()));
        reviews.add(review);
      }
      view.put("reviews", reviews);
      view.put("draftPdf", "/api/deliberations/" + id + "/draft.pdf");
      // For the drafter: who may be rapporteur, which partners are declared.
      var body = organisation.body(draft.bodyId()).orElseThrow();
      List<Map<String, Object>> members = new ArrayList<>();
      directory.inOffice(body, LocalDate.now(clock.withZone(PARIS))).forEach(s -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.fullName());
        m.put("collectivity", s.collectivity());
        members.add(m);
      });
      view.put("members", members);
      view.put("declaredPartners", organisation.partners());
      return view;
    }

    private String name(String userId) {
      if (userId == null) {
        return null;
      }
      return organisation.member(userId).map(Organisation.Member::fullName)
          .or(() -> organisation.accounts().stream().filter(a -> a.id().equals(userId)).findFirst()
              .map(a -> a.firstName() + " " + a.lastName()))
          .orElse(userId);
    }
  }
}
