package io.github.copernicawebhooks.inbox.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The local durable spool of one instance: calls the database could not take in time, appended to a
 * {@link SpoolFile} in a slot directory that this process holds locked, and the {@link SpoolCheckpoint}
 * of what was drained into the table. A process that starts takes the first slot no live process holds,
 * so it drains what an instance killed on this host left behind.
 */
final class Spool implements Closeable {

  /** Receivers open at once on one host and directory, test suites included. */
  private static final int MAX_SLOTS = 1024;

  private final Path slot;
  private final long quotaBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final SpoolFile file;
  private final SpoolCheckpoint checkpoint;
  private final long tornBytes;
  private final AtomicLong pending;
  private final AtomicLong spooled = new AtomicLong();
  private final AtomicLong drained = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final FailureLog failures = InboxLog.failures("spool append (calls are answered 503)");
  private long position;
  private boolean full;

  private Spool(Path slot, long quotaBytes, FileChannel lockChannel, FileLock lock) throws IOException {
    this.slot = slot;
    this.quotaBytes = quotaBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.checkpoint = SpoolCheckpoint.open(slot.resolve("checkpoint"));
    SpoolFile.Recovery recovery = SpoolFile.open(slot.resolve("spool.log"));
    this.file = recovery.file();
    this.tornBytes = recovery.tornBytes();
    this.position = Math.min(checkpoint.position(), file.size());
    this.pending = new AtomicLong(countFrom(position));
    InboxLog.spoolOpened(slot, pending.get(), tornBytes);
  }

  /** Takes the first free slot under {@code directory} and recovers what it holds. */
  static Spool open(Path directory, long quotaBytes) throws IOException {
    Files.createDirectories(directory);
    for (int number = 0; number < MAX_SLOTS; number++) {
      Path slot = directory.resolve("slot-" + number);
      Files.createDirectories(slot);
      FileChannel channel = FileChannel.open(slot.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        continue;
      }
      try {
        return new Spool(slot, quotaBytes, channel, lock);
      } catch (IOException | RuntimeException failure) {
        lock.release();
        channel.close();
        throw failure;
      }
    }
    throw new IOException("all " + MAX_SLOTS + " spool slots under " + directory + " are held by receivers that run");
  }

  private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      return null;
    }
  }

  /** Appends the call and returns once it is on disk; {@code false} when the quota is reached or the disk fails. */
  boolean append(InboxCall call) {
    byte[] payload = call.encode();
    try {
      long end;
      synchronized (this) {
        if (file.size() + SpoolFile.FRAME_HEADER + payload.length > quotaBytes) {
          refused.incrementAndGet();
          if (!full) {
            full = true; // one line per time it fills up; the refused calls are counted and logged by the receiver
            InboxLog.spoolFull(slot, quotaBytes);
          }
          return false;
        }
        full = false;
        end = file.append(payload);
      }
      file.sync(end);
      failures.succeeded();
      spooled.incrementAndGet();
      pending.incrementAndGet();
      return true;
    } catch (IOException | RuntimeException failure) {
      refused.incrementAndGet();
      failures.failed(failure);
      return false;
    }
  }

  /** The oldest durable call not drained yet, or {@code null}; a record that does not decode is skipped. */
  synchronized @Nullable Pending next() throws IOException {
    for (SpoolFile.Record record = file.read(position); record != null; record = file.read(position)) {
      try {
        return new Pending(InboxCall.decode(record.payload()), record.next());
      } catch (IOException unreadable) {
        InboxLog.spoolRecordSkipped(slot, position, unreadable);
        position = record.next();
        pending.decrementAndGet();
      }
    }
    return null;
  }

  /** A spooled call and where the record after it starts. */
  record Pending(InboxCall call, long next) {}

  /** Marks the call read last by {@link #next} as in the table. */
  synchronized void drained(Pending call) {
    position = call.next();
    drained.incrementAndGet();
    pending.decrementAndGet();
  }

  /** Records what is drained so far, so that a restart re-inserts no more than the calls since; empties the file when all is drained. */
  synchronized void checkpoint() throws IOException {
    if (position == file.size()) {
      checkpoint.write(0); // first, so that a crash before the file is emptied re-drains (absorbed by the keys)
      if (file.resetIfDrained(position)) {
        position = 0;
        return;
      }
    }
    checkpoint.write(position);
  }

  long pending() {
    return pending.get();
  }

  long bytes() {
    return file.size();
  }

  long quotaBytes() {
    return quotaBytes;
  }

  long spooled() {
    return spooled.get();
  }

  long drainedCount() {
    return drained.get();
  }

  long refused() {
    return refused.get();
  }

  long tornBytes() {
    return tornBytes;
  }

  Path slot() {
    return slot;
  }

  private long countFrom(long start) throws IOException {
    long count = 0;
    for (SpoolFile.Record record = file.read(start); record != null; record = file.read(record.next())) {
      count++;
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    try {
      file.close();
      checkpoint.close();
    } finally {
      lock.release();
      lockChannel.close();
    }
  }
}
