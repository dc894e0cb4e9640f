package io.github.copernicawebhooks.inbox.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * An append-only file of records, each framed as its length, a CRC32C of length and payload, and the
 * payload. Appends become durable in group commits: one {@code force} makes every append written before
 * it durable, so concurrent appenders share it. A record is read only once it is durable.
 */
final class SpoolFile implements Closeable {

  static final int FRAME_HEADER = 8;
  private static final int MAX_PAYLOAD = Integer.MAX_VALUE - FRAME_HEADER;

  private final FileChannel channel;
  private final ReentrantLock forcing = new ReentrantLock();
  private long end;
  private volatile long durable;

  private SpoolFile(FileChannel channel, long end) {
    this.channel = channel;
    this.end = end;
    this.durable = end;
  }

  /** What opening the file found: the records that passed their checksum and the torn bytes cut off after them. */
  record Recovery(SpoolFile file, long records, long tornBytes) {}

  /** Opens (or creates) the file, and cuts off whatever follows the last whole record (a torn append). */
  static Recovery open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      long size = channel.size();
      long position = 0;
      long records = 0;
      for (Record record = read(channel, position, size); record != null; record = read(channel, position, size)) {
        position = record.next();
        records++;
      }
      if (position < size) {
        channel.truncate(position);
        channel.force(true);
      }
      return new Recovery(new SpoolFile(channel, position), records, size - position);
    } catch (IOException | RuntimeException failure) {
      channel.close();
      throw failure;
    }
  }

  /** One record: its payload and where the next one starts. */
  record Record(byte[] payload, long next) {}

  /** Writes a record after the last one; durable only after {@link #sync} of the returned end. */
  synchronized long append(byte[] payload) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + payload.length);
    frame.putInt(payload.length).putInt(checksum(payload.length, payload)).put(payload).flip();
    long position = end;
    while (frame.hasRemaining()) {
      position += channel.write(frame, position);
    }
    end = position;
    return position;
  }

  /** Returns once every byte before {@code position} is on disk, forcing it unless another thread just did. */
  void sync(long position) throws IOException {
    if (durable >= position) {
      return;
    }
    forcing.lock();
    try {
      if (durable >= position) {
        return; // the force of the thread before us covered this append: a group commit
      }
      long target = size();
      channel.force(false);
      durable = target;
    } finally {
      forcing.unlock();
    }
  }

  /** The durable record at {@code position}, or {@code null} when there is none (yet). */
  @Nullable Record read(long position) throws IOException {
    return read(channel, position, durable);
  }

  synchronized long size() {
    return end;
  }

  /** Empties the file when nothing was appended after {@code drainedEnd}; whether it did. */
  synchronized boolean resetIfDrained(long drainedEnd) throws IOException {
    if (end != drainedEnd || durable != drainedEnd) {
      return false;
    }
    channel.truncate(0);
    channel.force(true);
    end = 0;
    durable = 0;
    return true;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static @Nullable Record read(FileChannel channel, long position, long limit) throws IOException {
    if (limit - position < FRAME_HEADER) {
      return null;
    }
    ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER);
    readFully(channel, header, position);
    int length = header.getInt(0);
    if (length < 0 || length > MAX_PAYLOAD || limit - position - FRAME_HEADER < length) {
      return null;
    }
    ByteBuffer payload = ByteBuffer.allocate(length);
    readFully(channel, payload, position + FRAME_HEADER);
    if (checksum(length, payload.array()) != header.getInt(4)) {
      return null;
    }
    return new Record(payload.array(), position + FRAME_HEADER + length);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("spool file ended at byte " + at);
      }
      at += read;
    }
  }

  private static int checksum(int length, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(0, length));
    crc.update(payload);
    return (int) crc.getValue();
  }
}
