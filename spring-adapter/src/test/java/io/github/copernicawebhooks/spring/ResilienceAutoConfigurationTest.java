package io.github.copernicawebhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.copernicawebhooks.EventDeduplicator;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileUpdated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.util.unit.DataSize;

class ResilienceAutoConfigurationTest {

  private final Counts counts = new Counts();
  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(CopernicaWebhooksAutoConfiguration.class))
      .withPropertyValues("copernica.webhooks.signature.mode=off")
      .withBean(Counts.class, () -> counts)
      .withBean(SlowHandler.class);

  @Test
  void isSynchronousWithoutDeduplicationByDefault() {
    runner.run(context -> {
      CopernicaWebhooksProperties properties = context.getBean(CopernicaWebhooksProperties.class);
      assertThat(properties.async()).isEqualTo(new CopernicaWebhooksProperties.Async(false, 4, 1000, Duration.ofSeconds(30)));
      assertThat(properties.deduplication())
          .isEqualTo(new CopernicaWebhooksProperties.Deduplication(false, Duration.ofHours(1), 100_000));
      WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
      assertThat(receiver.isAsync()).isFalse();
      assertThat(receiver.receive(request(1)).kind()).isEqualTo(Kind.HANDLED);
      assertThat(receiver.receive(request(1)).kind()).isEqualTo(Kind.HANDLED);
    });
  }

  @Test
  void bindsTheBodyMemoryBudgetOrLeavesItToTheHeapDefault() {
    runner.run(context -> assertThat(context.getBean(CopernicaWebhooksProperties.class).maxBufferedSize()).isNull());
    runner.withPropertyValues("copernica.webhooks.max-buffered-size=64MB").run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context.getBean(CopernicaWebhooksProperties.class).maxBufferedSize())
          .isEqualTo(DataSize.ofMegabytes(64));
    });
    runner.withPropertyValues("copernica.webhooks.max-buffered-size=0").run(context -> assertThat(context)
        .getFailure().rootCause().hasMessage("copernica.webhooks.max-buffered-size must be positive"));
  }

  @Test
  void answers202AndDrainsTheQueueWhenTheContextCloses() {
    runner.withPropertyValues("copernica.webhooks.async.enabled=true", "copernica.webhooks.async.threads=2",
            "copernica.webhooks.async.queue-capacity=200", "copernica.webhooks.async.shutdown-timeout=20s")
        .run(context -> {
          WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
          assertThat(receiver.isAsync()).isTrue();
          for (long profile = 1; profile <= 100; profile++) {
            assertThat(receiver.receive(request(profile)).status()).isEqualTo(202);
          }
        });

    assertThat(counts.handled).hasSize(100);
    assertThat(counts.handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
  }

  @Test
  void answersADuplicate200WithoutCallingTheHandlerAgain() {
    runner.withPropertyValues("copernica.webhooks.deduplication.enabled=true",
            "copernica.webhooks.deduplication.window=10m", "copernica.webhooks.deduplication.capacity=50")
        .run(context -> {
          WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
          assertThat(receiver.receive(request(7)).kind()).isEqualTo(Kind.HANDLED);
          assertThat(receiver.receive(request(7)).kind()).isEqualTo(Kind.DUPLICATE);
          assertThat(receiver.receive(request(8)).kind()).isEqualTo(Kind.HANDLED);
          assertThat(counts.handled).containsOnlyKeys(7L, 8L);
        });
  }

  @Test
  void usesAnEventDeduplicatorBeanOfTheApplication() {
    Set<String> claimed = ConcurrentHashMap.newKeySet();
    EventDeduplicator shared = new EventDeduplicator() {
      @Override
      public boolean claim(String key) {
        return claimed.add(key);
      }

      @Override
      public void release(String key) {
        claimed.remove(key);
      }
    };
    runner.withBean(EventDeduplicator.class, () -> shared).run(context -> {
      WebhookReceiver receiver = context.getBean(WebhookReceiver.class);
      assertThat(receiver.receive(request(3)).kind()).isEqualTo(Kind.HANDLED);
      assertThat(receiver.receive(request(3)).kind()).isEqualTo(Kind.DUPLICATE);
      assertThat(claimed).hasSize(1);
    });
  }

  @Test
  void failsToStartWithNonsensicalSettings() {
    runner.withPropertyValues("copernica.webhooks.async.threads=0")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("copernica.webhooks.async.threads must be at least 1"));
    runner.withPropertyValues("copernica.webhooks.deduplication.window=0s")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasStackTraceContaining("copernica.webhooks.deduplication.window must be positive"));
  }

  private static WebhookRequest request(long profile) {
    return WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "localhost")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(("type=update&profile=" + profile + "&database=1&timestamp=2026-11-28+08%3A00%3A00")
            .getBytes(StandardCharsets.US_ASCII))
        .build();
  }

  static final class Counts {
    final ConcurrentHashMap<Long, AtomicInteger> handled = new ConcurrentHashMap<>();
  }

  static class SlowHandler {
    private final Counts counts;

    SlowHandler(Counts counts) {
      this.counts = counts;
    }

    @CopernicaWebhookHandler
    void updated(ProfileUpdated event) throws InterruptedException {
      Thread.sleep(2);
      counts.handled.computeIfAbsent(event.profileId(), id -> new AtomicInteger()).incrementAndGet();
    }
  }
}
