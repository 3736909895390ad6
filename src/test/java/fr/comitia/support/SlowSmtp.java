package fr.comitia.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow SMTP server: a TCP proxy on loopback in front of a real one (GreenMail) that holds the
 * server's greeting for {@link #greetingDelay(Duration)} before relaying both ways as is. A mail
 * sent through it takes at least that long, as with an overloaded or far-away server. A test may
 * also hold every greeting until it releases them ({@link #holdGreetings()}), to keep a sender
 * in the middle of its send for as long as it needs.
 */
public final class SlowSmtp implements AutoCloseable {

  private final ServerSocket server;
  private final int targetPort;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "slow-smtp");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger connections = new AtomicInteger();
  private final Semaphore accepted = new Semaphore(0);
  private volatile Duration greetingDelay;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  public SlowSmtp(int targetPort, Duration greetingDelay) throws IOException {
    this.targetPort = targetPort;
    this.greetingDelay = greetingDelay;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  public void greetingDelay(Duration delay) {
    this.greetingDelay = delay;
  }

  /** From now on, greetings wait (after the delay) until {@link #releaseGreetings()}. */
  public void holdGreetings() {
    gate = new CountDownLatch(1);
  }

  public void releaseGreetings() {
    gate.countDown();
  }

  /** Waits for the next connection not yet awaited; false after the timeout. */
  public boolean awaitConnection(Duration timeout) throws InterruptedException {
    return accepted.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        connections.incrementAndGet();
        accepted.release();
        threads.execute(() -> relay(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket client) {
    CountDownLatch held = gate;
    try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      threads.execute(() -> pipe(client, upstream));
      // The slow part: the server answers (its greeting first) only after the delay.
      TimeUnit.MILLISECONDS.sleep(greetingDelay.toMillis());
      held.await();
      pipe(upstream, client);
    } catch (IOException e) {
      // the client or the server went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Copies until either side closes, then closes both. */
  private static void pipe(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    releaseGreetings();
    server.close();
    threads.shutdownNow();
  }
}
