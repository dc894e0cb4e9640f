package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** No lock is held during DNS I/O: a slow lookup delays only the callers of its own name, and them boundedly. */
class DnsPublicKeyResolverConcurrencyTest {

  private static final String ONE = "one._domainkey.copernica.com";
  private static final String SLOW = "slow._domainkey.copernica.com";
  private static final Duration GENEROUS = Duration.ofSeconds(10);
  private static final WebhookSigner SIGNER = WebhookSigner.generate();
  private static final PublicKey KEY = SIGNER.resolver().resolve(ONE);

  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final SimulatedClock clock = new SimulatedClock();
  private final BlockingDns dns = new BlockingDns();

  @AfterEach
  void releaseAndStop() throws InterruptedException {
    dns.release.countDown();
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private DnsPublicKeyResolver resolver(Duration timeout) {
    return DnsPublicKeyResolver.builder().clock(clock).timeout(timeout).build(dns);
  }

  private CompletableFuture<PublicKey> resolveInBackground(DnsPublicKeyResolver resolver, String name) {
    return CompletableFuture.supplyAsync(() -> resolver.resolve(name), threads);
  }

  @Test
  void aSlowLookupOfOneNameDoesNotDelayAnotherName() throws InterruptedException {
    dns.records.put(ONE, List.of(SIGNER.dkimRecord()));
    dns.records.put(SLOW, List.of(SIGNER.dkimRecord()));
    dns.slowName = SLOW;
    DnsPublicKeyResolver resolver = resolver(Duration.ofSeconds(5));
    CompletableFuture<PublicKey> slow = resolveInBackground(resolver, SLOW);
    assertThat(dns.entered.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

    assertThat(resolveInBackground(resolver, ONE)).succeedsWithin(GENEROUS).isEqualTo(KEY);
    assertThat(slow).isNotDone();

    dns.release.countDown();
    assertThat(slow).succeedsWithin(GENEROUS).isEqualTo(KEY);
  }

  @Test
  void callersOfAKnownNameGetTheCachedKeyWhileItIsRefreshed() throws InterruptedException {
    dns.records.put(ONE, List.of(SIGNER.dkimRecord()));
    DnsPublicKeyResolver resolver = resolver(Duration.ofSeconds(5));
    resolver.resolve(ONE);
    clock.advance(DnsPublicKeyResolver.DEFAULT_CACHE_TTL);
    dns.slowName = ONE;
    CompletableFuture<PublicKey> refreshing = resolveInBackground(resolver, ONE);
    assertThat(dns.entered.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < 20; i++) {
      assertThat(resolveInBackground(resolver, ONE)).succeedsWithin(GENEROUS).isEqualTo(KEY);
    }
    assertThat(dns.queries.get()).isEqualTo(2);

    dns.release.countDown();
    assertThat(refreshing).succeedsWithin(GENEROUS).isEqualTo(KEY);
  }

  @Test
  void callersOfANameBeingLookedUpShareTheOneLookup() throws InterruptedException {
    dns.records.put(ONE, List.of(SIGNER.dkimRecord()));
    dns.slowName = ONE;
    DnsPublicKeyResolver resolver = resolver(Duration.ofSeconds(5));
    CompletableFuture<PublicKey> first = resolveInBackground(resolver, ONE);
    assertThat(dns.entered.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<PublicKey>> others = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      others.add(resolveInBackground(resolver, ONE));
    }

    dns.release.countDown();
    assertThat(first).succeedsWithin(GENEROUS).isEqualTo(KEY);
    others.forEach(other -> assertThat(other).succeedsWithin(GENEROUS).isEqualTo(KEY));
    assertThat(dns.queries.get()).isEqualTo(1);
  }

  @Test
  void aCallerStopsWaitingForALookupThatTakesTooLong() throws InterruptedException {
    dns.records.put(SLOW, List.of(SIGNER.dkimRecord()));
    dns.slowName = SLOW;
    DnsPublicKeyResolver resolver = resolver(Duration.ofMillis(50)); // callers wait at most 200 ms
    CompletableFuture<PublicKey> slow = resolveInBackground(resolver, SLOW);
    assertThat(dns.entered.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

    CompletableFuture<PublicKey> waiting = resolveInBackground(resolver, SLOW);
    Throwable failure = catchThrowable(() -> waiting.get(GENEROUS.toSeconds(), TimeUnit.SECONDS));
    assertThat(failure).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.KEY_UNAVAILABLE))
        .hasMessageContaining("takes longer than");
    assertThat(dns.queries.get()).isEqualTo(1);

    dns.release.countDown();
    assertThat(slow).succeedsWithin(GENEROUS).isEqualTo(KEY);
  }

  @Test
  void refusesAtOnceALookupOfAnUnknownNameBeyondTheMostThatRunAtATimeAndGivesItPriorityAfter()
      throws InterruptedException {
    dns.slowName = "slow";
    DnsPublicKeyResolver resolver = resolver(Duration.ofSeconds(5));
    List<CompletableFuture<PublicKey>> running = new ArrayList<>();
    for (int i = 0; i < LookupBudget.MAX_RUNNING; i++) {
      running.add(resolveInBackground(resolver, "slow" + i + "._domainkey.copernica.com"));
    }
    assertThat(dns.entries.tryAcquire(LookupBudget.MAX_RUNNING, GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    dns.records.put(ONE, List.of(SIGNER.dkimRecord()));

    assertThat(resolveInBackground(resolver, ONE)).failsWithin(GENEROUS).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOfSatisfying(WebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.KEY_UNAVAILABLE))
        .withMessageContaining("DNS lookups of new key ids are running");
    dns.release.countDown();
    running.forEach(lookup -> assertThat(lookup).failsWithin(GENEROUS));
    for (int i = 0; i < 20; i++) { // uses up the budget of new names
      String name = "drain" + i + "._domainkey.copernica.com";
      catchThrowable(() -> resolver.resolve(name));
    }
    assertThat(resolver.resolve(ONE)).isEqualTo(KEY);
  }

  /** TXT records from a map; a lookup of a slow name (one that starts so) blocks until the test releases it. */
  private static final class BlockingDns implements TxtLookup {
    final Map<String, List<String>> records = new ConcurrentHashMap<>();
    final AtomicInteger queries = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final Semaphore entries = new Semaphore(0);
    final CountDownLatch release = new CountDownLatch(1);
    volatile String slowName = "";

    @Override
    public List<String> txt(String name) throws NamingException {
      queries.incrementAndGet();
      if (!slowName.isEmpty() && name.startsWith(slowName)) {
        entered.countDown();
        entries.release();
        try {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new NamingException("the test never released the slow lookup");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NamingException("interrupted");
        }
      }
      List<String> values = records.get(name);
      if (values == null) {
        throw new NameNotFoundException(name);
      }
      return values;
    }
  }
}
