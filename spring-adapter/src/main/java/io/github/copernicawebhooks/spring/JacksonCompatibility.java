package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.LocalDate;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks at start-up that the Jackson on the class path can do what the SDK asks of it. Jackson 3's
 * databind needs the {@code jackson-annotations} (2.x) it was built with; Spring Boot 3.5's dependency
 * management pins older ones (2.19), which fails only later, on the first {@code Variables.as(Class)} or
 * {@code WebhookEvents.toJson}, with a {@code NoClassDefFoundError}. So the check binds and writes one
 * event now and turns such a failure into a start-up error that names the fix.
 */
final class JacksonCompatibility {

  static final String ANNOTATIONS = "com.fasterxml.jackson.core:jackson-annotations";

  private static final String PROBE = "type=update&profile=1&database=2&timestamp=2026-01-31+12%3A00%3A00"
      + "&fields%5Bnumber%5D=3&fields%5Bday%5D=2026-01-31";
  private static final Pattern IMPORTED_ANNOTATIONS =
      Pattern.compile("com\\.fasterxml\\.jackson\\.annotation;version=\"\\[([0-9.]+)");

  private JacksonCompatibility() {}

  /** Probes Jackson; a missing class or method becomes a {@link WebhookConfigurationException}. */
  static void check() {
    try {
      probe();
    } catch (LinkageError incompatible) {
      throw failure(incompatible);
    }
  }

  /** The probe: what {@code as(Class)}, {@code toJson} and {@code fromJson} need from Jackson. */
  static void probe() {
    WebhookEvent event = WebhookParser.create().parse(PROBE);
    if (!(event instanceof ProfileUpdated update)) {
      throw new IllegalStateException("the Jackson probe did not parse as a profile update: " + event);
    }
    Probe bound = update.fields().as(Probe.class);
    if (bound.number() != 3) {
      throw new IllegalStateException("the Jackson probe bound " + bound);
    }
    WebhookEvents.fromJson(WebhookEvents.toJson(event));
  }

  static WebhookConfigurationException failure(LinkageError incompatible) {
    String found = annotationsVersion();
    String databind = databindVersion();
    String needed = neededAnnotationsVersion();
    String description = "Jackson does not work with the Copernica webhooks SDK: " + incompatible
        + ". jackson-databind " + databind + " needs " + ANNOTATIONS + " " + needed + " or later, but the class "
        + "path has " + found + ". Spring Boot 3.5's dependency management pins jackson-annotations to 2.19, "
        + "which lacks annotations that Jackson 3 uses.";
    String action = "Declare the jackson-annotations that jackson-databind " + databind + " was built with as a "
        + "dependency of your application, which wins over the version that Spring Boot manages:\n\n"
        + "    <dependency>\n"
        + "      <groupId>com.fasterxml.jackson.core</groupId>\n"
        + "      <artifactId>jackson-annotations</artifactId>\n"
        + "      <version>" + needed + "</version>\n"
        + "    </dependency>\n\n"
        + "(Gradle: implementation(\"" + ANNOTATIONS + ":" + needed + "\")). Setting a jackson version property "
        + "does not help when spring-boot-dependencies is imported as a BOM.";
    return new WebhookConfigurationException(description, action, incompatible);
  }

  /** The version of the jackson-annotations jar on the class path, from its manifest. */
  static String annotationsVersion() {
    Package annotations = com.fasterxml.jackson.annotation.JsonProperty.class.getPackage();
    String version = annotations == null ? null : annotations.getImplementationVersion();
    return version == null ? "an unknown version" : version;
  }

  private static String databindVersion() {
    try {
      return tools.jackson.databind.cfg.PackageVersion.VERSION.toString();
    } catch (LinkageError unknown) {
      return "(unknown version)";
    }
  }

  /**
   * The least jackson-annotations version that jackson-databind imports, from the OSGi header of its
   * manifest ({@code com.fasterxml.jackson.annotation;version="[2.23,3)"}); "2.23" when it cannot be read.
   */
  static String neededAnnotationsVersion() {
    try {
      Enumeration<URL> manifests = JacksonCompatibility.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
      while (manifests.hasMoreElements()) {
        String imported = databindImports(manifests.nextElement());
        if (imported != null) {
          Matcher matcher = IMPORTED_ANNOTATIONS.matcher(imported);
          if (matcher.find()) {
            return matcher.group(1);
          }
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // fall through to the version this SDK is built with
    }
    return "2.23";
  }

  private static @Nullable String databindImports(URL manifest) throws IOException {
    try (InputStream in = manifest.openStream()) {
      Attributes attributes = new Manifest(in).getMainAttributes();
      return "tools.jackson.core.jackson-databind".equals(attributes.getValue("Bundle-SymbolicName"))
          ? attributes.getValue("Import-Package")
          : null;
    }
  }

  /** What the probe binds fields to: a number and a date, converted from strings. */
  record Probe(int number, LocalDate day) {}
}
