package fr.comitia.support;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Mockito mocks for the beans named in the models' expressions, registered by name in the engine's
 * expression beans. Each call is also recorded as a {@link Seen}: the variables as the delegate saw
 * them during the call (an execution or task is not readable once the engine's command is over).
 */
public final class EngineStubs {

  /** What a delegate or listener saw: where, for whom, and the variables at that moment. */
  public record Seen(String activityId, String businessKey, Map<String, Object> variables,
      Map<String, Object> localVariables) {

    public Object variable(String name) {
      return variables.get(name);
    }

    public Object local(String name) {
      return localVariables.get(name);
    }
  }

  /** The behaviour of a stub, if it needs one (set the variables the real one sets). */
  @FunctionalInterface
  public interface Behaviour<T> {
    void run(T target) throws Exception;
  }

  private final Map<Object, Object> beans;
  private final Map<String, List<Seen>> seen = new LinkedHashMap<>();

  public EngineStubs(Map<Object, Object> beans) {
    this.beans = beans;
    beans.clear();
  }

  /** A mocked {@link JavaDelegate} named {@code name}: records its calls and does nothing else. */
  public JavaDelegate delegate(String name) {
    return delegate(name, execution -> {});
  }

  public JavaDelegate delegate(String name, Behaviour<DelegateExecution> behaviour) {
    JavaDelegate delegate = mock(JavaDelegate.class, withSettings().name(name));
    List<Seen> calls = calls(name);
    try {
      doAnswer(invocation -> {
        DelegateExecution execution = invocation.getArgument(0);
        calls.add(new Seen(execution.getCurrentActivityId(), execution.getProcessBusinessKey(),
            copy(execution.getVariables()), copy(execution.getVariablesLocal())));
        behaviour.run(execution);
        return null;
      }).when(delegate).execute(any());
    } catch (Exception impossible) {
      throw new IllegalStateException(impossible);
    }
    beans.put(name, delegate);
    return delegate;
  }

  /** A mocked {@link TaskListener} named {@code name}. Local variables are those of the task's execution. */
  public TaskListener listener(String name) {
    return listener(name, task -> {});
  }

  public TaskListener listener(String name, Behaviour<DelegateTask> behaviour) {
    TaskListener listener = mock(TaskListener.class, withSettings().name(name));
    List<Seen> calls = calls(name);
    doAnswer(invocation -> {
      DelegateTask task = invocation.getArgument(0);
      calls.add(new Seen(task.getTaskDefinitionKey(), task.getExecution().getProcessBusinessKey(),
          copy(task.getVariables()), copy(task.getExecution().getVariablesLocal())));
      behaviour.run(task);
      return null;
    }).when(listener).notify(any());
    beans.put(name, listener);
    return listener;
  }

  /** Any other bean of an expression ({@code ${sessionAgenda.object(…)}}): usually a Mockito mock. */
  public <T> T bean(String name, T bean) {
    beans.put(name, bean);
    return bean;
  }

  /** The calls of the stub {@code name}, in order. */
  public List<Seen> seen(String name) {
    return Collections.unmodifiableList(calls(name));
  }

  private List<Seen> calls(String name) {
    return seen.computeIfAbsent(name, n -> new ArrayList<>());
  }

  private static Map<String, Object> copy(Map<String, Object> variables) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(variables));
  }
}
