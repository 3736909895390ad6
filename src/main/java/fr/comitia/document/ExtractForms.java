package fr.comitia.document;

import fr.comitia.register.DeliberationRecord;
import fr.comitia.register.DeliberationRecords;
import fr.comitia.platform.TaskFormData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** What the form « Signer l'extrait » shows: the extract of the register, as it will be signed. */
final class ExtractForms {

  static final String EXTRACT_VIEW = "extractView";

  private ExtractForms() {}

  /** The extract (HTML, escaped), its number and object, and where its PDF is ({@code extractView}). */
  @Component("extractViewListener")
  static class ExtractViewListener implements TaskListener {
    private final ExtractService extracts;
    private final DeliberationRecords records;

    ExtractViewListener(ExtractService extracts, DeliberationRecords records) {
      this.extracts = extracts;
      this.records = records;
    }

    @Override
    public void notify(DelegateTask task) {
      String id = task.getExecution().getProcessBusinessKey();
      DeliberationRecord record = records.find(id).orElseThrow();
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", id);
      view.put("number", record.number());
      view.put("object", record.object());
      view.put("bodyName", record.body().name());
      view.put("president", record.body().president() == null ? null : record.body().president().fullName());
      view.put("outcome", record.vote() == null ? null : record.vote().outcome());
      view.put("votesFor", record.vote() == null ? null : record.vote().votesFor());
      view.put("votesAgainst", record.vote() == null ? null : record.vote().votesAgainst());
      view.put("abstentions", record.vote() == null ? null : record.vote().abstentions());
      view.put("pdf", "/api/deliberations/" + id + "/extract.pdf");
      view.put("html", extracts.html(id));
      TaskFormData.show(task, EXTRACT_VIEW, view);
    }
  }
}
