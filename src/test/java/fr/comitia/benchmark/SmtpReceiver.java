package fr.comitia.benchmark;

import ch.qos.logback.classic.Level;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's mail receiver, out of the measured JVM: a GreenMail SMTP server in its own
 * {@code java} process (this class's {@link #main}), driven by lines on its standard input
 * ({@code count}, {@code purge}, {@code dump <dir>}: each received message's raw bytes written to
 * a file of {@code dir}, {@code quit}); it answers on its standard output with lines starting with
 * {@code @@}. Its CPU is counted on neither side.
 */
final class SmtpReceiver implements AutoCloseable {

  private static final String ANSWER = "@@ ";

  private final Process process;
  private final BufferedReader out;
  private final PrintWriter in;
  private final int port;

  private SmtpReceiver(Process process) throws IOException {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    this.port = Integer.parseInt(answer());
  }

  /** Starts the receiver in a child JVM on this JVM's class path; its stderr goes to {@code log}. */
  static SmtpReceiver start(Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), SmtpReceiver.class.getName())
        .redirectError(log.toFile()).start();
    return new SmtpReceiver(process);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  synchronized int count() throws IOException {
    return Integer.parseInt(ask("count"));
  }

  synchronized void purge() throws IOException {
    ask("purge");
  }

  /** The raw bytes of every message received since the last purge, as the server received them. */
  synchronized List<byte[]> messages(Path dir) throws IOException {
    Files.createDirectories(dir);
    ask("dump " + dir.toAbsolutePath());
    List<byte[]> raw = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        raw.add(Files.readAllBytes(f));
        Files.delete(f);
      }
    }
    return raw;
  }

  private String ask(String command) throws IOException {
    in.println(command);
    return answer();
  }

  private String answer() throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(ANSWER)) {
        return line.substring(ANSWER.length());
      }
    }
    throw new IOException("The SMTP receiver stopped");
  }

  @Override
  public void close() throws Exception {
    in.println("quit");
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroy();
    }
  }

  // --- The child process ---------------------------------------------------------------------------

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    System.out.println(ANSWER + smtp.getSmtp().getPort());
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = commands.readLine()) != null) {
      String answer;
      if (line.equals("count")) {
        answer = String.valueOf(smtp.getReceivedMessages().length);
      } else if (line.equals("purge")) {
        smtp.purgeEmailFromAllMailboxes();
        answer = "ok";
      } else if (line.startsWith("dump ")) {
        Path dir = Path.of(line.substring(5));
        MimeMessage[] received = smtp.getReceivedMessages();
        for (int i = 0; i < received.length; i++) {
          try (OutputStream file = Files.newOutputStream(dir.resolve(String.format("%06d.eml", i)))) {
            received[i].writeTo(file);
          }
        }
        answer = String.valueOf(received.length);
      } else if (line.equals("quit")) {
        break;
      } else {
        answer = "?";
      }
      System.out.println(ANSWER + answer);
      System.out.flush();
    }
    smtp.stop();
    System.exit(0);
  }
}
