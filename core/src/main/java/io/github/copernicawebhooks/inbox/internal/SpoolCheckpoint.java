package io.github.copernicawebhooks.inbox.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Where in the spool file the drained calls end: a position and its CRC32C, forced on each write. A
 * checkpoint that does not check out counts as 0, so the whole file is drained again and the table's
 * unique keys absorb what was in it already.
 */
final class SpoolCheckpoint implements Closeable {

  private final FileChannel channel;
  private final long position;

  private SpoolCheckpoint(FileChannel channel, long position) {
    this.channel = channel;
    this.position = position;
  }

  static SpoolCheckpoint open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    ByteBuffer content = ByteBuffer.allocate(12);
    while (content.hasRemaining() && channel.read(content, content.position()) > 0) {
      // reads up to 12 bytes
    }
    long position = 0;
    if (!content.hasRemaining() && checksum(content.getLong(0)) == content.getInt(8)) {
      position = content.getLong(0);
    }
    return new SpoolCheckpoint(channel, position);
  }

  /** The position found at opening. */
  long position() {
    return position;
  }

  void write(long drainedEnd) throws IOException {
    ByteBuffer content = ByteBuffer.allocate(12).putLong(drainedEnd).putInt(checksum(drainedEnd)).flip();
    while (content.hasRemaining()) {
      channel.write(content, content.position());
    }
    channel.force(false);
  }

  private static int checksum(long value) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putLong(0, value));
    return (int) crc.getValue();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
