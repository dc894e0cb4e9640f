package io.github.copernicawebhooks.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Copies a test web application from the test resources, filling in its placeholders. */
final class Webapps {

  private Webapps() {}

  /** Copies {@code webapps/<name>} into the directory, replacing each key in web.xml by its value. */
  static Path copy(String name, Path directory, Map<String, String> replacements) throws IOException {
    Path source = resource("/webapps/" + name);
    Path target = directory.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      files.forEach(file -> copyFile(file, target.resolve(source.relativize(file).toString()), replacements));
    }
    return target;
  }

  /** The text of a file of the test resources. */
  static String read(String name) throws IOException {
    return Files.readString(resource(name), StandardCharsets.UTF_8);
  }

  private static void copyFile(Path file, Path target, Map<String, String> replacements) {
    try {
      if (Files.isDirectory(file)) {
        Files.createDirectories(target);
        return;
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      for (Map.Entry<String, String> replacement : replacements.entrySet()) {
        text = text.replace(replacement.getKey(), replacement.getValue());
      }
      Files.writeString(target, text, StandardCharsets.UTF_8);
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  private static Path resource(String name) {
    try {
      return Path.of(Webapps.class.getResource(name).toURI());
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
