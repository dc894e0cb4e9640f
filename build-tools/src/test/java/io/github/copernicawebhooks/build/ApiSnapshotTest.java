package io.github.copernicawebhooks.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot check fails exactly when the public API changes: each test compiles a small library,
 * writes its snapshot, compiles a changed version and runs the check against the snapshot.
 */
class ApiSnapshotTest {

  private static final String GREETER = """
      package lib;

      public final class Greeter {
        public static final String DEFAULT_NAME = "world";

        public Greeter() {
        }

        public String greet(String name) {
          return "hello " + name;
        }

        public java.util.List<String> greetAll(String... names) {
          return java.util.Arrays.stream(names).map(this::greet).toList();
        }

        private int secret() {
          return 42;
        }
      }
      """;

  /** The first version, compiled once for all tests (javac takes a second on a busy machine). */
  @TempDir
  static Path shared;

  private static Path firstVersion;

  @TempDir
  Path temp;

  private Path snapshot;

  @BeforeAll
  static void compileTheFirstVersion() throws IOException {
    firstVersion = compile(shared, Map.of("lib/Greeter.java", GREETER));
  }

  @BeforeEach
  void writeSnapshotOfTheFirstVersion() throws IOException {
    snapshot = temp.resolve("api/lib.api");
    Result written = run(firstVersion, snapshot, true);
    assertThat(written.status).isZero();
    assertThat(written.out).contains("API snapshot written");
    assertThat(snapshot).exists();
  }

  @Test
  void passesWhenNothingChanged() throws IOException {
    Result result = run(firstVersion, snapshot, false);

    assertThat(result.status).isZero();
    assertThat(result.out).contains("matches");
  }

  @Test
  void snapshotListsPublicMembersWithGenericSignaturesAndNoPrivateOnes() throws IOException {
    String text = Files.readString(snapshot);

    assertThat(text).contains(
        "public final class lib.Greeter\n"
            + "  public Greeter()\n"
            + "  public static final java.lang.String DEFAULT_NAME\n"
            + "  public java.lang.String greet(java.lang.String)\n"
            + "  public java.util.List<java.lang.String> greetAll(java.lang.String...)\n");
    assertThat(text).doesNotContain("secret");
  }

  @Test
  void failsWhenAPublicMemberIsAdded() throws IOException {
    String added = GREETER.replace("private int secret()", "public int answer()");

    Result result = check(Map.of("lib/Greeter.java", added), false);

    assertThat(result.status).isEqualTo(1);
    assertThat(result.err)
        .contains("+ lib.Greeter: public int answer()")
        .contains("-Dapi.update=true");
  }

  @Test
  void failsWhenAPublicMemberIsRemoved() throws IOException {
    String removed = GREETER.replace("""
          public String greet(String name) {
            return "hello " + name;
          }
        """, "").replace("map(this::greet)", "map(name -> \"hello \" + name)");

    Result result = check(Map.of("lib/Greeter.java", removed), false);

    assertThat(result.status).isEqualTo(1);
    assertThat(result.err).contains("- lib.Greeter: public java.lang.String greet(java.lang.String)");
  }

  @Test
  void failsWhenASignatureChanges() throws IOException {
    String changed = GREETER.replace("public String greet(String name)", "public CharSequence greet(String name)")
        .replace("map(this::greet)", "map(name -> \"hello \" + name)");

    Result result = check(Map.of("lib/Greeter.java", changed), false);

    assertThat(result.status).isEqualTo(1);
    assertThat(result.err)
        .contains("- lib.Greeter: public java.lang.String greet(java.lang.String)")
        .contains("+ lib.Greeter: public java.lang.CharSequence greet(java.lang.String)");
  }

  @Test
  void failsWhenAPublicTypeIsAdded() throws IOException {
    Result result = check(Map.of(
        "lib/Greeter.java", GREETER,
        "lib/Farewell.java", "package lib; public interface Farewell { String bye(); }"), false);

    assertThat(result.status).isEqualTo(1);
    assertThat(result.err)
        .contains("+ public interface lib.Farewell")
        .contains("+ lib.Farewell: public abstract java.lang.String bye()");
  }

  @Test
  void ignoresWhatUsersCannotReach() throws IOException {
    String withHidden = GREETER
        .replace("private int secret()", "int packagePrivate() { return 1; } private int secret()")
        .replace("public final class Greeter {", """
            public final class Greeter {
              protected int unreachableInAFinalClass;
              static final class Helper {
                public void notApi() {
                }
              }
            """);

    Result result = check(Map.of(
        "lib/Greeter.java", withHidden,
        "lib/Hidden.java", "package lib; final class Hidden { public void notApi() { } }",
        "lib/internal/Support.java", "package lib.internal; public final class Support { public void notApi() { } }"),
        false);

    assertThat(result.status).isZero();
  }

  @Test
  void protectedMembersOfExtensibleClassesAreApi() throws IOException {
    String base = "package lib; public abstract class Base { protected abstract void hook(); }";
    Path baseSnapshot = temp.resolve("api/base.api");
    assertThat(run(compile(Map.of("lib/Base.java", base)), baseSnapshot, true).status).isZero();

    assertThat(Files.readString(baseSnapshot)).contains(
        "public abstract class lib.Base\n  public Base()\n  protected abstract void hook()\n");
    String renamed = base.replace("hook()", "renamedHook()");
    Result result = run(compile(Map.of("lib/Base.java", renamed)), baseSnapshot, false);
    assertThat(result.status).isEqualTo(1);
    assertThat(result.err).contains("- lib.Base: protected abstract void hook()");
  }

  @Test
  void describesSealedHierarchiesRecordsEnumsAndAnnotationDefaults() throws IOException {
    Path other = temp.resolve("api/shapes.api");
    Result written = run(compile(Map.of(
        "lib/Shape.java", "package lib; public sealed interface Shape permits Circle, Square { double area(); }",
        "lib/Circle.java", "package lib; public record Circle(double radius) implements Shape {"
            + " public double area() { return Math.PI * radius * radius; } }",
        "lib/Square.java", "package lib; public non-sealed class Square implements Shape {"
            + " public double area() { return 1; } }",
        "lib/Unit.java", "package lib; public enum Unit { METRE, FOOT }",
        "lib/Marker.java", "package lib; public @interface Marker { String value() default \"x\"; long[] ids() default {}; }")),
        other, true);

    assertThat(written.status).isZero();
    assertThat(Files.readString(other))
        .contains("public sealed interface lib.Shape permits lib.Circle, lib.Square\n")
        .contains("public record lib.Circle implements lib.Shape\n  public Circle(double)\n")
        .contains("  public double radius()\n")
        .contains("public non-sealed class lib.Square implements lib.Shape\n")
        .contains("  public static final lib.Unit METRE\n")
        .contains("  public abstract java.lang.String value() default \"x\"\n")
        .contains("  public abstract long[] ids() default {}\n");
  }

  @Test
  void failsWithTheCommandToRunWhenThereIsNoSnapshot() throws IOException {
    Result result = run(firstVersion, temp.resolve("api/missing.api"), false);

    assertThat(result.status).isEqualTo(1);
    assertThat(result.err).contains("No API snapshot").contains("-Dapi.update=true");
  }

  @Test
  void commentsAndBlankLinesInTheSnapshotDoNotCount() throws IOException {
    Files.writeString(snapshot, "# a note someone added\n\n" + Files.readString(snapshot) + "\n\n");

    assertThat(run(firstVersion, snapshot, false).status).isZero();
  }

  private Result check(Map<String, String> sources, boolean update) throws IOException {
    return run(compile(sources), snapshot, update);
  }

  private static Result run(Path classes, Path snapshotFile, boolean update) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = {"--classes", classes.toString(), "--snapshot", snapshotFile.toString(), "--update=" + update};
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      int status = ApiSnapshot.run(args, loader,
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  /** Compiles the sources into a fresh directory, so each version of the library has its own classes. */
  private Path compile(Map<String, String> sources) throws IOException {
    return compile(temp, sources);
  }

  private static Path compile(Path parent, Map<String, String> sources) throws IOException {
    Path root = Files.createTempDirectory(parent, "version");
    Path sourceDir = root.resolve("src");
    Path classes = root.resolve("classes");
    Files.createDirectories(classes);
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = sourceDir.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = compiler.run(null, null, diagnostics, arguments.toArray(String[]::new));
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  private record Result(int status, String out, String err) {
  }
}
