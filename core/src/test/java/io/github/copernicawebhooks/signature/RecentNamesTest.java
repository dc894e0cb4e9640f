package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fixed-size memory of names: a flood cannot push a name out of it, only raise its false positives. */
class RecentNamesTest {

  private static final Instant START = Instant.parse("2026-03-05T09:15:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void remembersANameForThePeriodAndForgetsItAtMostOneSliceLater() {
    RecentNames names = new RecentNames(10, MINUTE, 4, START);
    names.add(fingerprint("one"), START.plusSeconds(14));

    assertThat(names.contains(fingerprint("one"), START.plusSeconds(14))).isTrue();
    assertThat(names.contains(fingerprint("one"), START.plusSeconds(74))).isTrue(); // the period, to the nano
    assertThat(names.contains(fingerprint("one"), START.plusSeconds(75))).isFalse(); // one slice later
    assertThat(names.contains(fingerprint("two"), START.plusSeconds(14))).isFalse();
  }

  @Test
  void aFloodOfOtherNamesNeverMakesItForgetANameAndRarelyClaimsOneItNeverSaw() {
    RecentNames names = new RecentNames(21, Duration.ofMinutes(10), 1, START);
    names.add(fingerprint("genuine"), START);
    for (int i = 0; i < 120_000; i++) { // ten minutes at 200 a second
      names.add(fingerprint("flood" + i), START.plusMillis(5L * i));
    }

    Instant end = START.plus(Duration.ofMinutes(10));
    assertThat(names.contains(fingerprint("genuine"), end)).isTrue();
    int falsePositives = 0;
    for (int i = 0; i < 100_000; i++) {
      falsePositives += names.contains(fingerprint("never" + i), end) ? 1 : 0;
    }
    assertThat(falsePositives).as("false positives in 100,000").isLessThan(500);
  }

  @Test
  void keepsWhatItHasWhenTheClockIsSetBack() {
    RecentNames names = new RecentNames(10, MINUTE, 1, START);
    names.add(fingerprint("one"), START.plusSeconds(90));

    assertThat(names.contains(fingerprint("one"), START)).isTrue();
    assertThat(names.contains(fingerprint("one"), START.plusSeconds(179))).isTrue();
  }

  @Test
  void forgetsEverythingAfterALongPause() {
    RecentNames names = new RecentNames(10, MINUTE, 4, START);
    names.add(fingerprint("one"), START);

    assertThat(names.contains(fingerprint("one"), START.plus(Duration.ofDays(3)))).isFalse();
  }

  private static byte[] fingerprint(String name) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
