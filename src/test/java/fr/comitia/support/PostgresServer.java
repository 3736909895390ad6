package fr.comitia.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests that need one outside the application (several nodes on
 * one database): the one named by {@code COMITIA_CLUSTER_DB_URL} (a JDBC URL of a database of that
 * server the test may create databases from, e.g. {@code jdbc:postgresql://127.0.0.1:55432/postgres};
 * {@code COMITIA_CLUSTER_DB_USER}, default {@code postgres}, and {@code COMITIA_CLUSTER_DB_PASSWORD}),
 * as {@code .ci/run} starts it; otherwise a throw-away cluster started here from Debian's
 * {@code postgresql} package ({@code /usr/lib/postgresql/<version>/bin}), as user {@code postgres}
 * when the tests run as root. Neither: the test fails, saying so. Each test gets a fresh database.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String URL_VARIABLE = "COMITIA_CLUSTER_DB_URL";

  private final String adminUrl;
  private final String user;
  private final String password;
  private final Path ownCluster;
  private final List<String> ownCommandPrefix;
  private final Path binaries;
  private final List<String> databases = new ArrayList<>();

  private PostgresServer(String adminUrl, String user, String password, Path ownCluster, Path binaries,
      List<String> ownCommandPrefix) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.ownCluster = ownCluster;
    this.binaries = binaries;
    this.ownCommandPrefix = ownCommandPrefix;
  }

  public static PostgresServer fromEnvironmentOrStart() throws IOException, InterruptedException {
    String url = System.getenv(URL_VARIABLE);
    String user = orDefault(System.getenv("COMITIA_CLUSTER_DB_USER"), "postgres");
    String password = orDefault(System.getenv("COMITIA_CLUSTER_DB_PASSWORD"), "");
    if (url != null && !url.isBlank()) {
      return new PostgresServer(url, user, password, null, null, List.of());
    }
    Path binaries = debianBinaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    // initdb and the server refuse to run as root: as root, run them as the postgres user.
    List<String> prefix = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
    Path dir = Files.createTempDirectory("comitia-pg-");
    if (root) {
      UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
    }
    int port = freePort();
    PostgresServer server = new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "",
        dir, binaries, prefix);
    server.run(binaries.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
        "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
    server.run(binaries.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
        dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off"
            + " -c synchronous_commit=off",
        "start");
    return server;
  }

  /** Creates an empty database with a random name; returns its JDBC URL. */
  public String createDatabase(String prefix) throws SQLException {
    String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
        .toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
      s.execute("create database " + name + " encoding 'UTF8' template template0");
    }
    databases.add(name);
    return adminUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** Where this server came from, for messages. */
  public String describe() {
    return ownCluster == null ? URL_VARIABLE + "=" + adminUrl
        : "throw-away cluster " + ownCluster + " (" + binaries + ")";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (ownCluster != null) {
      run(binaries.resolve("pg_ctl").toString(), "-D", ownCluster.resolve("data").toString(), "-m", "immediate",
          "-w", "stop");
      try (Stream<Path> files = Files.walk(ownCluster)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      return;
    }
    for (String name : databases) {
      try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
        s.execute("drop database if exists " + name + " with (force)");
      } catch (SQLException e) {
        System.err.println("Could not drop test database " + name + ": " + e.getMessage());
      }
    }
  }

  private void run(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(ownCommandPrefix);
    full.addAll(List.of(command));
    Path log = Files.createTempFile("comitia-pg-cmd-", ".log");
    Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("PostgreSQL command timed out: " + full);
    }
    String output = Files.readString(log);
    Files.deleteIfExists(log);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("PostgreSQL command failed (" + process.exitValue() + "): " + full + "\n"
          + output);
    }
  }

  private static Path debianBinaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Path found = versions.map(v -> v.resolve("bin"))
            .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
            .max(Comparator.comparingInt(PostgresServer::majorVersion)).orElse(null);
        if (found != null) {
          return found;
        }
      }
    }
    throw new IllegalStateException("No PostgreSQL server for this test: set " + URL_VARIABLE
        + " to a JDBC URL of a PostgreSQL server where the test may create a database (as .ci/run does), or install"
        + " Debian's postgresql package (apt-get install postgresql) so that the test starts a throw-away cluster"
        + " from /usr/lib/postgresql/<version>/bin.");
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
