package fr.comitia.support;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The engine clock a test sets (Camunda's {@code ClockUtil}, static) goes back to the real time after
 * each test — after the whole class when its tests share a set-up ({@code @TestInstance(PER_CLASS)}
 * with a {@code @BeforeAll} that played the register on its own clock).
 */
public class EngineClockReset implements AfterEachCallback, AfterAllCallback {

  @Override
  public void afterEach(ExtensionContext context) {
    if (context.getTestInstanceLifecycle().orElse(Lifecycle.PER_METHOD) == Lifecycle.PER_METHOD) {
      ClockUtil.reset();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ClockUtil.reset();
  }
}
