package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.fail;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An oracle independent of our own signer: eight requests signed by Copernica's own PHP signing library
 * ({@code http-signatures-php}, {@code Signer.php}), read byte for byte from this class's resource folder
 * (its README says how they were made). Each verifies, and each is refused with any one byte of a signed
 * header value, of the request target or of the body changed. With the JDK's provider and with ACCP.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = SignatureProvider.class, names = {"JDK", "ACCP"})
class CopernicaPhpVectorsTest {

  private static final String FOLDER = "/CopernicaPhpVectorsTest/";
  private static final String KEY_ID = "one._domainkey.copernica.com";
  private static final PublicKey KEY = PemKeys.rsaPublicKey(text("public.pem"));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T12:00:30Z"), ZoneOffset.UTC);
  private static final List<String> FILES = List.of("01-profile-update.http", "02-query-string-and-port.http",
      "03-encoded-path-utf8-body.http", "04-content-headers-signed.http", "05-json-body.http", "06-empty-body.http",
      "07-large-body.http", "08-mixed-case-host.http");
  /** Body positions changed in each body: all of a short one, a spread of a long one. */
  private static final int BODY_POSITIONS = 64;

  private final SignatureProvider provider;

  CopernicaPhpVectorsTest(SignatureProvider provider) {
    TestProviders.crypto(provider);
    this.provider = provider;
  }

  static Stream<String> files() {
    return FILES.stream();
  }

  private static KnownKeyResolver keys() {
    return KnownKeyResolver.of(KEY_ID, KEY);
  }

  private SignatureVerifier verifier(PublicKeyResolver keys) {
    return SignatureVerifier.builder()
        .accountIds("account_1234").keyResolver(keys).clock(CLOCK).provider(provider).build();
  }

  @ParameterizedTest
  @MethodSource("files")
  void verifiesTheRequestSignedByCopernicasOwnLibrary(String file) {
    WebhookRequest request = request(file);
    KnownKeyResolver keys = keys();

    assertThatCode(() -> verifier(keys).verify(request)).doesNotThrowAnyException();
    assertThat(keys.askedKeyIds()).containsExactly(KEY_ID);
  }

  @ParameterizedTest
  @MethodSource("files")
  void passesTheReceiversChecksOnTheAdapterPath(String file) {
    WebhookRequest request = request(file);
    WebhookReceiver receiver = WebhookReceiver.builder().verifier(verifier(keys())).listener(event -> { }).build();

    WebhookOutcome outcome = receiver.receive(receiver.screen(request.withBody(new byte[0]), request.body().length),
        request.body());

    assertThat(outcome.kind()).as(outcome.message()).isNotIn(Kind.REJECTED_SIGNATURE, Kind.KEY_UNAVAILABLE);
  }

  @ParameterizedTest
  @MethodSource("files")
  void refusesTheRequestWithAnyOneByteOfASignedHeaderValueChanged(String file) {
    WebhookRequest request = request(file);
    List<String> signed = SignatureHeader.parse(request.header("Signature").orElseThrow()).headers();
    assertThat(signed).contains("(request-target)", "host", "date", "x-copernica-id", "digest", "x-nonce");
    int refused = 0;
    for (String name : signed) {
      if (name.equals("(request-target)")) {
        refused += assertEveryChangeRefused(file, "the target", request.target(),
            changed -> request.toBuilder().target(changed).build());
        refused += assertEveryChangeRefused(file, "the method", request.method(),
            changed -> request.toBuilder().method(changed).build());
      } else {
        String value = request.headers(name).get(0);
        refused += assertEveryChangeRefused(file, name, value, changed -> request.toBuilder().setHeader(name, changed).build());
      }
    }
    assertThat(refused).isGreaterThan(100);
  }

  @ParameterizedTest
  @MethodSource("files")
  void refusesTheRequestWithAnyOneByteOfTheBodyChanged(String file) {
    WebhookRequest request = request(file);
    byte[] body = request.body();
    if (body.length == 0) {
      assertRefused(file, "a body added", request.withBody(new byte[] {'x'}));
      return;
    }
    int step = Math.max(1, body.length / BODY_POSITIONS);
    for (int position = 0; position < body.length; position += step) {
      byte[] changed = body.clone();
      changed[position] = (byte) (changed[position] == 'a' ? 'b' : 'a');
      assertRefused(file, "body byte " + position, request.withBody(changed));
    }
    assertRefused(file, "the last body byte dropped", request.withBody(Arrays.copyOf(body, body.length - 1)));
  }

  /** Changes each byte of {@code value} in turn and asserts a fresh verifier refuses each; the count. */
  private int assertEveryChangeRefused(
      String file, String what, String value, Function<String, WebhookRequest> requestWith) {
    for (int position = 0; position < value.length(); position++) {
      char original = value.charAt(position);
      char replacement = original == 'a' ? 'b' : 'a';
      String changed = value.substring(0, position) + replacement + value.substring(position + 1);
      assertRefused(file, what + " byte " + position, requestWith.apply(changed));
    }
    return value.length();
  }

  private void assertRefused(String file, String change, WebhookRequest request) {
    try {
      verifier(keys()).verify(request);
      fail(file + " with " + change + " changed was accepted");
    } catch (WebhookException refused) {
      assertThat(refused.reason().isVerificationFailure())
          .as(file + " with " + change + " changed: " + refused.reason())
          .isTrue();
    }
  }

  /** A request file: request line, header lines (CRLF), an empty line, the body byte for byte. */
  private static WebhookRequest request(String file) {
    byte[] bytes = bytes(file);
    int headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(headEnd).as("%s has an empty line after its head", file).isPositive();
    String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] requestLine = lines[0].split(" ");
    WebhookRequest.Builder builder = WebhookRequest.builder().method(requestLine[0]).target(requestLine[1]);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      builder.header(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip());
    }
    byte[] body = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
    WebhookRequest request = builder.body(body).build();
    request.header("Content-Length").ifPresent(length ->
        assertThat(Integer.parseInt(length)).as("%s Content-Length", file).isEqualTo(body.length));
    return request;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String text(String name) {
    return new String(bytes(name), StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = CopernicaPhpVectorsTest.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
