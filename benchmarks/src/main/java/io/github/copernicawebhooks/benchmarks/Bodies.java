package io.github.copernicawebhooks.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The benchmark bodies, shipped as resources so that numbers stay comparable from run to run. */
final class Bodies {
  static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

  private Bodies() {}

  /** The bytes of {@code bodies/<name>.form}: {@code small}, {@code medium} or {@code large}. */
  static byte[] load(String name) {
    String resource = "/bodies/" + name + ".form";
    try (InputStream in = Bodies.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no benchmark body " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
