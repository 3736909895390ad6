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
 * register costs the database, measured as PostgreSQL receives it. Every {@code @ComitiaTest}
 * context has it (its {@link Configuration} wraps the DataSource; outside {@link #count} it only
 * forwards).
 */
public final class StatementCounter {

  private static final ThreadLocal<AtomicLong[]> COUNTING = new ThreadLocal<>();
  private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
      "executeBatch", "executeLargeBatch");

  private StatementCounter() {}

  /** The statements {@code work} executed on this thread, and its result. */
  public static <T> Counted<T> count(Supplier<T> work) {
    AtomicLong[] counters = {new AtomicLong(), new AtomicLong()};
    COUNTING.set(counters);
    try {
      T result = work.get();
      return new Counted<>(result, counters[0].get(), counters[1].get());
    } finally {
      COUNTING.remove();
    }
  }

  /**
   * What a piece of code asked the database: all its statements, and those of Comitia's register
   * (on the {@code comitia} schema), the engine's apart.
   */
  public record Counted<T>(T result, long statements, long registerStatements) {}

  /** A statement of the register: Comitia names its schema in each (the engine's tables are ACT_…). */
  static boolean register(String sql) {
    return sql != null && sql.toLowerCase(java.util.Locale.ROOT).contains("comitia.");
  }

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
        forward(target, result -> result instanceof Connection c ? connection(c) : result));
  }

  /** A connection whose statements count; a prepared statement knows its SQL from its preparation. */
  private static Object connection(Connection connection) {
    return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {Connection.class},
        (p, method, args) -> {
          if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c
              && c.isInstance(connection)) {
            return connection;
          }
          Object result = invoke(connection, method, args);
          return result instanceof Statement s
              ? counting(s, args != null && args.length > 0 && args[0] instanceof String sql ? sql : null) : result;
        });
  }

  private static Object counting(Statement statement, String preparedSql) {
    Class<?> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
        : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
    return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
      if (EXECUTES.contains(method.getName()) && COUNTING.get() != null) {
        COUNTING.get()[0].incrementAndGet();
        if (register(preparedSql != null ? preparedSql : args != null && args.length > 0 && args[0] instanceof String sql
            ? sql : null)) {
          COUNTING.get()[1].incrementAndGet();
        }
      }
      return invoke(statement, method, args);
    });
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
