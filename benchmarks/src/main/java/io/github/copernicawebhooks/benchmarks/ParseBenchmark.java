package io.github.copernicawebhooks.benchmarks;

import io.github.copernicawebhooks.WebhookParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.http.Parameters;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.UrlEncoded;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Our typed parse of a Copernica profile update against the flat form decoders of Tomcat and Jetty
 * and a byte-scan floor, on the same three bodies, in one run.
 *
 * <p>Run from the repository root:
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ParseBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * }</pre>
 *
 * <p>Compare ns/op and {@code gc.alloc.rate.norm} (B/op) between rows of one run: absolute times drift
 * between machines and runs.
 *
 * <ul>
 *   <li>{@code typedParse}: bytes in, a typed, immutable {@code WebhookEvent} out (decode, bind, validate).
 *   <li>{@code tomcatParameters}: Tomcat 11's {@code Parameters}, the way its {@code Request} decodes a
 *       form body: a fresh {@code Parameters} with UTF-8 and a parameter limit, fed a copy of the bytes
 *       (it decodes in place, so it must not be handed the shared array twice). Flat name to values map.
 *   <li>{@code jettyUrlEncoded}: Jetty 12.1's {@code UrlEncoded.decodeUtf8To} into {@code Fields}, with
 *       the body as a {@code String} made once in setup (so Jetty is not charged for turning bytes into
 *       a String). Flat name to values map.
 *   <li>{@code floorByteScan}: counts {@code &} and {@code =}; no decoding, no allocation: the floor.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParseBenchmark {
  /** Tomcat's {@code maxParameterCount} here: the same as our default variable limit. */
  private static final int PARAMETER_LIMIT = 10_000;

  @Param({"small", "medium", "large"})
  public String body = "small";

  private byte[] bytes = new byte[0];
  private String text = "";
  private WebhookParser parser = WebhookParser.create();

  @Setup
  public void load() {
    bytes = Bodies.load(body);
    text = new String(bytes, StandardCharsets.UTF_8);
    parser = WebhookParser.create();
    checkBaselinesDecodeEveryVariable();
  }

  @Benchmark
  public void typedParse(Blackhole blackhole) {
    blackhole.consume(parser.parse(bytes, Bodies.FORM_CONTENT_TYPE));
  }

  @Benchmark
  public void tomcatParameters(Blackhole blackhole) {
    blackhole.consume(decodeWithTomcat());
  }

  @Benchmark
  public void jettyUrlEncoded(Blackhole blackhole) {
    blackhole.consume(decodeWithJetty());
  }

  @Benchmark
  public void floorByteScan(Blackhole blackhole) {
    blackhole.consume(countSeparators());
  }

  private Parameters decodeWithTomcat() {
    Parameters parameters = new Parameters();
    parameters.setCharset(StandardCharsets.UTF_8);
    parameters.setLimit(PARAMETER_LIMIT);
    byte[] copy = Arrays.copyOf(bytes, bytes.length);
    parameters.processParameters(copy, 0, copy.length);
    return parameters;
  }

  private Fields decodeWithJetty() {
    Fields fields = new Fields();
    UrlEncoded.decodeUtf8To(text, fields);
    return fields;
  }

  private int countSeparators() {
    int separators = 0;
    for (byte b : bytes) {
      if (b == '&' || b == '=') {
        separators++;
      }
    }
    return separators;
  }

  /** A baseline that silently dropped variables would look faster than it is: refuse to measure it. */
  private void checkBaselinesDecodeEveryVariable() {
    int variables = (countSeparators() + 1) / 2;
    int tomcat = decodeWithTomcat().size();
    int jetty = decodeWithJetty().stream().mapToInt(field -> field.getValues().size()).sum();
    if (tomcat != variables || jetty != variables) {
      throw new IllegalStateException(
          body + ": " + variables + " variables, Tomcat decoded " + tomcat + ", Jetty " + jetty);
    }
  }
}
