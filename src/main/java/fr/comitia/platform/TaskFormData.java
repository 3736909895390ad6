package fr.comitia.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.spin.plugin.variable.SpinValues;

/**
 * What a Tasklist form shows beside what it submits: a {@code create} task listener puts it on the
 * task as a local Json variable (the whole draft, the members in office, the quorum rule of the day,
 * the approved drafts…), the embedded form reads it with {@code camForm.variableManager.fetchVariable}
 * and never submits it. Local to the task, it leaves the process variables (the public contract)
 * as they were.
 */
public final class TaskFormData {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private TaskFormData() {}

  public static void show(DelegateTask task, String name, Object value) {
    try {
      task.setVariableLocal(name, SpinValues.jsonValue(JSON.writeValueAsString(value)).create());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Données du formulaire « " + name + " » illisibles", e);
    }
  }
}
