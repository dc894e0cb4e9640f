package io.github.copernicawebhooks.inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Spool directories of tests: each test's own, deleted afterwards. */
final class Spools {

  private Spools() {}

  static Path createDirectory() {
    try {
      return Files.createTempDirectory("inbox-spool");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The spool file of the first slot: the one a lone instance takes. */
  static Path firstFile(Path directory) {
    return directory.resolve("slot-0").resolve("spool.log");
  }
}
