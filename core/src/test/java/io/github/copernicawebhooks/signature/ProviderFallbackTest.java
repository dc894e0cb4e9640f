package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider choice in JVMs of its own, since ACCP's state is fixed once per JVM: ACCP on the class path
 * but disabled by its documented {@code useExternalLib} property (with no native library on the library
 * path), ACCP absent, and, as the control, ACCP as it loads here.
 */
@EnabledOnOs(value = OS.LINUX, architectures = "amd64") // the test class path has ACCP's Linux x86_64 library
class ProviderFallbackTest {

  private static final String DISABLED = "-Dcom.amazon.corretto.crypto.provider.useExternalLib=true";

  @TempDir
  Path work;

  @Test
  void fallsBackToTheJdkAndStillVerifiesWhenAccpIsDisabledByItsProperty() throws Exception {
    Run run = run(classPath(), List.of("auto"), DISABLED);

    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).contains("provider=SunRsaSign", "verified");
    assertThat(run.err()).contains("Copernica webhook signatures use SunRsaSign")
        .contains("because ACCP cannot be used: its native library did not load");
  }

  @Test
  void refusesToStartWhenAccpIsAskedForAndDisabled() throws Exception {
    Run run = run(classPath(), List.of("accp"), DISABLED);

    assertThat(run.status()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("error=signature provider 'accp' was asked for, but ACCP cannot be used: "
        + "its native library did not load").contains("linux-x86_64").doesNotContain("verified");
  }

  @Test
  void fallsBackToTheJdkWhenAccpIsNotOnTheClassPath() throws Exception {
    String withoutAccp = Arrays.stream(classPath().split(File.pathSeparator))
        .filter(entry -> !entry.contains("AmazonCorrettoCryptoProvider")).collect(Collectors.joining(File.pathSeparator));

    Run run = run(withoutAccp, List.of("auto"));
    Run asked = run(withoutAccp, List.of("accp"));

    assertThat(run.out()).as(run.toString()).contains("provider=SunRsaSign", "verified");
    assertThat(run.err()).contains("because ACCP cannot be used: it is not on the class path");
    assertThat(asked.status()).isEqualTo(3);
    assertThat(asked.out()).contains("ACCP cannot be used: it is not on the class path");
  }

  @Test
  void usesAccpWhenItLoads() throws Exception {
    Run run = run(classPath(), List.of("auto"));

    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).contains("provider=AmazonCorrettoCryptoProvider 2.5.0", "verified", "first=SUN");
    assertThat(run.err()).containsOnlyOnce("Copernica webhook signatures use");
  }

  @Test
  void installsAccpAsTheJvmsFirstProviderOnlyWhenAsked() throws Exception {
    Run run = run(classPath(), List.of("auto", "global"));

    assertThat(run.status()).as(run.toString()).isZero();
    assertThat(run.out()).contains("provider=AmazonCorrettoCryptoProvider 2.5.0", "first=AmazonCorrettoCryptoProvider");
  }

  private static String classPath() {
    String classPath = System.getProperty("java.class.path");
    assertThat(classPath).contains("AmazonCorrettoCryptoProvider");
    return classPath;
  }

  private Run run(String classPath, List<String> arguments, String... properties) throws IOException, InterruptedException {
    Path emptyLibraryPath = Files.createDirectories(work.resolve("lib"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-Djava.library.path=" + emptyLibraryPath));
    command.addAll(List.of(properties));
    command.addAll(List.of("-cp", classPath, ProviderProbe.class.getName()));
    command.addAll(arguments);
    Path out = Files.createTempFile(work, "probe", ".out");
    Path err = Files.createTempFile(work, "probe", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the forked JVM did not end within 60 s: " + Files.readString(err));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err));
  }

  record Run(int status, String out, String err) {}
}
