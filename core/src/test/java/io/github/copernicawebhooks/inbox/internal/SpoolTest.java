package io.github.copernicawebhooks.inbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on its own: framing, recovery after a torn append, the drained prefix, the quota and slots. */
class SpoolTest {

  private static final long QUOTA = 1L << 20;

  @TempDir
  Path directory;

  static InboxCall call(int number, int bodyBytes) {
    byte[] body = ("type=update&profile=" + number + "&pad=" + "x".repeat(bodyBytes)).getBytes(StandardCharsets.UTF_8);
    return new InboxCall(1_700_000_000_000L + number, "POST", "/webhooks", "content-type: x\n",
        Optional.of("192.0.2.7"), body, InboxStore.sha256Hex(body), Optional.of("nonce-" + number),
        Optional.of("key-" + number), OptionalLong.of(42L), new EventColumns("ProfileUpdated",
        OptionalLong.of(number), OptionalLong.empty(), OptionalLong.of(12), OptionalLong.empty(), Optional.empty()));
  }

  private static List<Integer> drainAll(Spool spool) throws IOException {
    List<Integer> profiles = new ArrayList<>();
    for (Spool.Pending next = spool.next(); next != null; next = spool.next()) {
      profiles.add((int) next.call().columns().profileId().orElseThrow());
      spool.drained(next);
    }
    spool.checkpoint();
    return profiles;
  }

  @Test
  void aSpooledCallDecodesToTheSameCall() throws IOException {
    InboxCall call = call(7, 100);

    InboxCall decoded = InboxCall.decode(call.encode());

    assertThat(decoded).usingRecursiveComparison().isEqualTo(call);
  }

  @Test
  void concurrentAppendsAreAllDurableAndDrainedInOrderOfTheirAppend() throws Exception {
    try (Spool spool = Spool.open(directory, QUOTA)) {
      ExecutorService appenders = Executors.newFixedThreadPool(8);
      List<Future<Boolean>> appended = new ArrayList<>();
      for (int i = 1; i <= 200; i++) {
        int number = i;
        appended.add(appenders.submit(() -> spool.append(call(number, 10))));
      }
      for (Future<Boolean> result : appended) {
        assertThat(result.get()).isTrue();
      }
      appenders.shutdown();

      List<Integer> drained = drainAll(spool);

      assertThat(drained).hasSize(200).doesNotHaveDuplicates();
      assertThat(spool.pending()).isZero();
      assertThat(spool.bytes()).as("a fully drained spool file is emptied").isZero();
    }
  }

  @Test
  void aRestartDrainsOnlyWhatFollowsTheCheckpoint() throws IOException {
    try (Spool spool = Spool.open(directory, QUOTA)) {
      for (int i = 1; i <= 5; i++) {
        spool.append(call(i, 10));
      }
      for (int i = 1; i <= 3; i++) {
        spool.drained(spool.next());
      }
      spool.checkpoint();
    }
    try (Spool restarted = Spool.open(directory, QUOTA)) {
      assertThat(restarted.pending()).isEqualTo(2);
      assertThat(drainAll(restarted)).containsExactly(4, 5);
    }
  }

  @Test
  void aTornLastRecordIsCutOffReportedAndNeverApplied() throws IOException {
    try (Spool spool = Spool.open(directory, QUOTA)) {
      for (int i = 1; i <= 3; i++) {
        spool.append(call(i, 50));
      }
    }
    Path file = directory.resolve("slot-0").resolve("spool.log");
    long whole = Files.size(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(whole - 20); // the process died in the middle of the third append
    }

    try (Spool restarted = Spool.open(directory, QUOTA)) {
      assertThat(restarted.tornBytes()).isPositive();
      assertThat(restarted.pending()).isEqualTo(2);
      assertThat(drainAll(restarted)).containsExactly(1, 2);
    }
  }

  @Test
  void aRecordWithABadChecksumEndsTheGoodPrefix() throws IOException {
    try (Spool spool = Spool.open(directory, QUOTA)) {
      spool.append(call(1, 50));
      spool.append(call(2, 50));
    }
    Path file = directory.resolve("slot-0").resolve("spool.log");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {'!'}), Files.size(file) - 5);
    }

    try (Spool restarted = Spool.open(directory, QUOTA)) {
      assertThat(drainAll(restarted)).containsExactly(1);
      assertThat(restarted.tornBytes()).isPositive();
    }
  }

  @Test
  void refusesAnAppendPastTheQuota() throws IOException {
    try (Spool spool = Spool.open(directory, QUOTA)) {
      int accepted = 0;
      while (spool.append(call(accepted + 1, 100_000))) {
        accepted++;
      }

      assertThat(accepted).isBetween(9, 10);
      assertThat(spool.refused()).isEqualTo(1);
      assertThat(spool.bytes()).isLessThanOrEqualTo(QUOTA);
    }
  }

  @Test
  void aSecondSpoolOnTheSameDirectoryTakesAnotherSlotAndAFreedSlotIsTakenAgain() throws IOException {
    try (Spool first = Spool.open(directory, QUOTA)) {
      first.append(call(1, 10));
      try (Spool second = Spool.open(directory, QUOTA)) {
        assertThat(second.slot()).isNotEqualTo(first.slot());
        assertThat(second.pending()).isZero();
      }
    }
    try (Spool again = Spool.open(directory, QUOTA)) {
      assertThat(again.slot()).isEqualTo(directory.resolve("slot-0"));
      assertThat(drainAll(again)).containsExactly(1);
    }
  }
}
