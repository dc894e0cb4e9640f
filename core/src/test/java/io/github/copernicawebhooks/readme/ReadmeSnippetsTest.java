package io.github.copernicawebhooks.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java, XML and properties snippet in README.md is a copy of real, compiled or deployed source
 * (ReadmeExamplesTest, the samples, the adapters' tests), so the README cannot drift from the code.
 */
class ReadmeSnippetsTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```(java|xml|properties)\\n(.*?)^\\s*```");
  private static final List<String> SOURCE_MODULES = List.of("core", "test-kit", "servlet", "spring-adapter", "samples");

  @Test
  void everyCodeSnippetInTheReadmeIsCopiedFromSourceThatIsBuiltAndTested() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    String sources = normalize(allSources());
    List<String> snippets = snippets(readme);

    assertThat(snippets).as("checked snippets in README.md").hasSizeGreaterThanOrEqualTo(10);
    for (String snippet : snippets) {
      assertThat(sources.contains(normalize(snippet)))
          .as("README snippet is not found in any source file:%n%s", snippet)
          .isTrue();
    }
  }

  private static List<String> snippets(String readme) {
    List<String> snippets = new ArrayList<>();
    Matcher matcher = FENCE.matcher(readme);
    while (matcher.find()) {
      String body = matcher.group(2);
      if (!isMavenCoordinates(body)) {
        snippets.add(body);
      }
    }
    return snippets;
  }

  /** Dependency snippets carry a version that the project's own poms inherit; they are not source. */
  private static boolean isMavenCoordinates(String snippet) {
    return snippet.strip().startsWith("<dependency>");
  }

  private static String allSources() throws IOException {
    StringBuilder all = new StringBuilder();
    for (String module : SOURCE_MODULES) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module))) {
        for (Path file : files.filter(ReadmeSnippetsTest::isSource).collect(Collectors.toList())) {
          all.append(read(file)).append('\n');
        }
      }
    }
    return all.toString();
  }

  private static boolean isSource(Path file) {
    String path = ROOT.relativize(file).toString().replace('\\', '/');
    String name = file.getFileName().toString();
    return path.contains("/src/") && !path.contains("/target/")
        && (name.endsWith(".java") || name.endsWith(".xml") || name.endsWith(".properties"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String normalize(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
