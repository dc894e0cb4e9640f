package io.github.copernicawebhooks.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.inbox.InboxSettings;
import io.github.copernicawebhooks.inbox.SchemaInitialization;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The inbox benchmark: signed calls per second answered 200 by the filter in embedded Jetty, (s) in the
 * synchronous in-memory mode with a no-op listener, and (i) with the inbox on an embedded PostgreSQL with
 * {@code fsync=on} and {@code synchronous_commit=on} (every answer waits for its commit to reach the disk),
 * 64 connections each, with p50 and p99 of the answer; then (d) how many stored rows per second the inbox's
 * workers drain (claim, call the listener, mark handled, record the attempt) from the backlog that (i) left.
 * Case (i) runs with no workers on its receiver, so that the answer path and the drain are measured apart.
 * The signature is off in the filler only: every measured call of (s) and (i) is signed and verified.
 *
 * <p>Every call has a body (profile id) and a nonce of its own: the inbox refuses both twice. The calls are
 * signed before each case starts, timed and printed; a case that runs out of them ends early, saying so.
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.copernicawebhooks.benchmarks.InboxBenchmark
 * }</pre>
 *
 * <p>Options: {@code --warmup=SECONDS (5) --measure=SECONDS (10) --connections=N (64)
 * --signed-requests=N (40000) --workers=N (2) --pool=N (connections + workers + 4) --drain-rows=N (20000)}: the
 * backlog of (i) is topped up to {@code drain-rows} through an unsigned store-only receiver before (d), and
 * (d) also prints the CPU time per drained row of this JVM and of PostgreSQL, which says what the drain
 * costs even when other work shares the cores.
 */
public final class InboxBenchmark {

  private static final String TARGET = "/copernica";
  private static final String SYNC_CONTEXT = "/sync";
  private static final String INBOX_CONTEXT = "/inbox";

  private InboxBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Duration warmup = Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault("warmup", "5")) * 1000));
    Duration measure = Duration.ofMillis((long) (Double.parseDouble(options.getOrDefault("measure", "10")) * 1000));
    int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
    int signedRequests = Integer.parseInt(options.getOrDefault("signed-requests", "40000"));
    int workers = Integer.parseInt(options.getOrDefault("workers", "2"));
    int poolSize = Integer.parseInt(options.getOrDefault("pool", Integer.toString(connections + workers + 4)));
    WebhookSigner signer = WebhookSigner.generate();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "300")
        .start();
        HikariDataSource pool = pool(postgres.getJdbcUrl("postgres", "postgres"), poolSize)) {
      System.out.printf("InboxBenchmark: Jetty 12.1 ee10 on loopback, %d connections, embedded PostgreSQL %s"
              + " (fsync=on, synchronous_commit=on), pool of %d, warm-up %.0f s, measure %.0f s, Java %s, %d CPUs,"
              + " load average %.1f%n", connections, version(pool), poolSize, warmup.toMillis() / 1e3,
          measure.toMillis() / 1e3, Runtime.version(), Runtime.getRuntime().availableProcessors(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      InboxSettings storeOnly = InboxSettings.builder(pool).schemaInitialization(SchemaInitialization.ALWAYS)
          .workers(0).build();
      WebhookReceiver inbox = receiver(signer, event -> {}, storeOnly);
      WebhookReceiver sync = WebhookReceiver.builder().verifier(verifier(signer)).listener(event -> {}).build();
      LoadServer server = new LoadServer().withFilter(SYNC_CONTEXT, sync).withFilter(INBOX_CONTEXT, inbox);
      LoadResult syncResult;
      LoadResult inboxResult;
      try (LoadServer started = server.start()) {
        InetSocketAddress address = started.address();
        LoadGenerator generator = new LoadGenerator(address, connections, new ThreadCpu(LoadServer.THREAD_PREFIX));
        syncResult = measure(generator, signer, address, SYNC_CONTEXT, 0, signedRequests, warmup, measure);
        inboxResult = measure(generator, signer, address, INBOX_CONTEXT, signedRequests + 1, signedRequests, warmup,
            measure);
      }
      inbox.close();
      int drainRows = Integer.parseInt(options.getOrDefault("drain-rows", "20000"));
      fill(pool, drainRows - pending(pool), connections);
      long backlog = pending(pool);
      ProcessHandle postmaster = postmaster(pool);
      long cpuBefore = jvmCpuNanos();
      long postgresBefore = cpuNanos(postmaster);
      ThreadCpu inboxThreads = new ThreadCpu("copernica-webhooks-inbox");
      Map<Long, Long> inboxBefore = inboxThreads.snapshot();
      AtomicLong handled = new AtomicLong();
      long start = System.nanoTime();
      WebhookReceiver drainer = receiver(signer, event -> handled.incrementAndGet(),
          InboxSettings.builder(pool).workers(workers).instanceId("drainer").build());
      while (handled.get() < backlog || pending(pool) > 0) {
        Thread.sleep(20); // waits on the listener's count and checks the table once at the end
      }
      double drainSeconds = (System.nanoTime() - start) / 1e9;
      double jvmMicrosPerRow = (jvmCpuNanos() - cpuBefore) / 1e3 / backlog;
      double inboxMicrosPerRow = ThreadCpu.used(inboxBefore, inboxThreads.snapshot()) / 1e3 / backlog;
      double postgresMicrosPerRow = (cpuNanos(postmaster) - postgresBefore) / 1e3 / backlog;
      drainer.close();
      System.out.printf("%-38s %12s %9s %9s %17s %11s %8s%n", "case", "requests/s", "p50 ms", "p99 ms",
          "server CPU us/req", "requests", "non-200");
      print("(s) synchronous, in memory", syncResult);
      print("(i) inbox, PostgreSQL fsync on", inboxResult);
      double ratio = inboxResult.requestsPerSecond() / syncResult.requestsPerSecond();
      System.out.printf("ratio (i)/(s): %.2f (target >= 0.50: %s)%n", ratio, ratio >= 0.5 ? "met" : "NOT met");
      double drainRate = backlog / drainSeconds;
      System.out.printf("(d) drain: %,d stored rows handled by %d workers in %.2f s: %,.0f rows/s (target >= 2,000:"
          + " %s); listener calls %,d%n", backlog, workers, drainSeconds, drainRate, drainRate >= 2000 ? "met" : "NOT met",
          handled.get());
      double cpuPerRow = jvmMicrosPerRow + postgresMicrosPerRow;
      System.out.printf("(d) CPU per drained row: %.0f us in this JVM (%.0f us of it on the inbox's threads, the rest"
          + " JIT, GC and the pool) + %.0f us in PostgreSQL = %.0f us, so %d idle cores could drain about %,.0f rows/s%n",
          jvmMicrosPerRow, inboxMicrosPerRow, postgresMicrosPerRow, cpuPerRow,
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors() * 1e6 / cpuPerRow);
    }
  }

  /** Stores more rows for the drain through an unsigned, store-only receiver (no HTTP, no RSA). */
  private static void fill(HikariDataSource pool, long rows, int threads) throws InterruptedException {
    if (rows <= 0) {
      return;
    }
    WebhookReceiver filler = WebhookReceiver.builder().signatureOff().listener(event -> {})
        .inbox(InboxSettings.builder(pool).workers(0).build()).build();
    AtomicLong next = new AtomicLong(10_000_000);
    long last = next.get() + rows;
    List<Thread> fillers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread thread = new Thread(() -> {
        for (long profile = next.getAndIncrement(); profile < last; profile = next.getAndIncrement()) {
          filler.receive(WebhookRequest.builder()
              .header("Content-Type", "application/x-www-form-urlencoded")
              .body(body((int) profile))
              .build());
        }
      });
      thread.start();
      fillers.add(thread);
    }
    for (Thread thread : fillers) {
      thread.join();
    }
    filler.close();
  }

  /** PostgreSQL's main process, found as the parent of one of its backends. */
  private static ProcessHandle postmaster(HikariDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
      rows.next();
      return ProcessHandle.of(rows.getLong(1)).flatMap(ProcessHandle::parent).orElseThrow();
    }
  }

  /** The CPU time of a process and all of its descendants now alive. */
  private static long cpuNanos(ProcessHandle process) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(process), process.descendants())
        .mapToLong(handle -> handle.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static LoadResult measure(LoadGenerator generator, WebhookSigner signer, InetSocketAddress address,
      String context, int firstProfile, int count, Duration warmup, Duration measure) throws Exception {
    long start = System.nanoTime();
    List<LoadRequest> requests = IntStream.range(firstProfile, firstProfile + count + 1).parallel()
        .mapToObj(profile -> signed(signer, address, context, profile))
        .collect(Collectors.toCollection(ArrayList::new));
    System.out.printf("%s: signed %,d requests in %.1f s before the case started%n", context, requests.size(),
        (System.nanoTime() - start) / 1e9);
    int status = generator.exchangeOnce(requests.remove(requests.size() - 1));
    if (status != 200) {
      throw new IllegalStateException(context + " answers " + status + " to a valid call");
    }
    return generator.run(RequestSource.once(requests), warmup, requests.size() / 5, measure);
  }

  private static byte[] body(int profile) {
    return ("type=update&profile=" + profile + "&database=12&timestamp=2026-11-28+08%3A00%3A00"
        + "&fields%5Bemail%5D=user" + profile + "%40example.com&fields%5Bname%5D=Profile+" + profile
        + "&interests%5B%5D=sport").getBytes(StandardCharsets.UTF_8);
  }

  private static LoadRequest signed(WebhookSigner signer, InetSocketAddress address, String context, int profile) {
    byte[] body = body(profile);
    String target = context + TARGET;
    Map<String, String> headers = signer.headersFor("POST", target, LoadRequest.hostOf(address), body);
    return new LoadRequest(address, target, headers, body);
  }

  private static WebhookReceiver receiver(WebhookSigner signer, WebhookListener listener, InboxSettings settings) {
    return WebhookReceiver.builder().verifier(verifier(signer)).listener(listener).inbox(settings).build();
  }

  private static SignatureVerifier verifier(WebhookSigner signer) {
    return SignatureVerifier.builder().accountIds(signer.accountId()).keyResolver(signer.resolver()).build();
  }

  private static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    return new HikariDataSource(config);
  }

  private static long pending(HikariDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT COUNT(*) FROM copernica_webhooks_inbox WHERE next_attempt_at IS NOT NULL")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static String version(HikariDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection()) {
      return connection.getMetaData().getDatabaseProductVersion();
    }
  }

  private static void print(String name, LoadResult result) {
    System.out.printf("%-38s %,12.0f %9.2f %9.2f %17.1f %,11d %8d%s%n", name, result.requestsPerSecond(),
        result.latency().percentileNanos(0.50) / 1e6, result.latency().percentileNanos(0.99) / 1e6,
        result.serverCpuMicrosPerRequest(), result.requests(), result.non200(),
        (result.exhausted() ? String.format("  (pre-signed requests ran out after %.1f s)", result.seconds()) : "")
            + (result.non200() > 0 ? "  statuses " + result.statuses() : ""));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new java.util.HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
      options.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return options;
  }
}
