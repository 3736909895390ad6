package fr.comitia.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements Comitia executes on its DataSource (each {@code execute*} of a
 * statement), on the current thread, while {@link #count} runs a piece of code: what a read of the
 * register costs the database, measured as PostgreSQL receives it. Import it in a test
 * ({@code @Import(StatementCounter.Configuration.class)}).
 */
public final class StatementCounter {

  private static final ThreadLocal<AtomicLong> COUNTING = new ThreadLocal<>();
  private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
      "executeBatch", "executeLargeBatch");

  private StatementCounter() {}

  /** The statements {@code work} executed on this thread, and its result. */
  public static <T> Counted<T> count(Supplier<T> work) {
    AtomicLong counter = new AtomicLong();
    COUNTING.set(counter);
    try {
      T result = work.get();
      return new Counted<>(result, counter.get());
    } finally {
      COUNTING.remove();
    }
  }

  public record Counted<T>(T result, long statements) {}

  @TestConfiguration(proxyBeanMethods = false)
  public static class Configuration {

    @Bean
    static BeanPostProcessor countingDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource ds && !(Proxy.isProxyClass(bean.getClass())) ? wrap(ds) : bean;
        }
      };
    }
  }

  static DataSource wrap(DataSource target) {
    return (DataSource) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {DataSource.class},
        forward(target, result -> result instanceof Connection c ? proxy(Connection.class, c, result2 ->
            result2 instanceof Statement s ? counting(s) : result2) : result));
  }

  private static Object counting(Statement statement) {
    Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
        : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
      if (EXECUTES.contains(method.getName()) && COUNTING.get() != null) {
        COUNTING.get().incrementAndGet();
      }
      return invoke(statement, method, args);
    });
  }

  private static Object proxy(Class<?> type, Object target, java.util.function.UnaryOperator<Object> wrapResult) {
    return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
        forward(target, wrapResult));
  }

  private static InvocationHandler forward(Object target, java.util.function.UnaryOperator<Object> wrapResult) {
    return (p, method, args) -> {
      if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(target)) {
        return target;
      }
      return wrapResult.apply(invoke(target, method, args));
    };
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
