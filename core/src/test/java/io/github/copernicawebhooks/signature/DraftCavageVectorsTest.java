package io.github.copernicawebhooks.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Appendix C test values of draft-cavage-http-signatures, read from this class's resource folder; with
 * the JDK's provider and with ACCP.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = SignatureProvider.class, names = {"JDK", "ACCP"})
class DraftCavageVectorsTest {

  private static final String FOLDER = "/DraftCavageVectorsTest/";
  private static final PublicKey KEY = PemKeys.rsaPublicKey(resource("public-key.pem"));
  private static final ExampleRequest REQUEST = ExampleRequest.parse(resource("request.http"));

  private final Crypto crypto;

  DraftCavageVectorsTest(SignatureProvider provider) {
    this.crypto = TestProviders.crypto(provider);
  }

  record VectorCase(String name, List<String> headers, String signature, boolean verifies) {
    byte[] signatureBytes() {
      return Base64.getDecoder().decode(signature);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<VectorCase> cases() {
    return resource("cases.tsv").lines().skip(1).filter(line -> !line.isBlank()).map(line -> {
      String[] columns = line.split("\t");
      return new VectorCase(
          columns[0], Arrays.asList(columns[1].split(" ")), columns[3], columns[4].equals("yes"));
    });
  }

  static Stream<VectorCase> verifiedCases() {
    return cases().filter(VectorCase::verifies);
  }

  // The created and expires parameters of the C.3 header printed in -11 and -12.
  private static final Map<String, List<String>> PSEUDO_HEADERS =
      Map.of("(created)", List.of("1402170695"), "(expires)", List.of("1402170699"));

  @ParameterizedTest
  @MethodSource("cases")
  void buildsTheDraftSigningStringToTheByte(VectorCase vector) {
    String built = SignatureString.build(vector.headers(), REQUEST.method(), REQUEST.target(),
        name -> PSEUDO_HEADERS.getOrDefault(name, REQUEST.values(name)));

    assertThat(built.getBytes(StandardCharsets.ISO_8859_1))
        .isEqualTo(resource(vector.name() + ".txt").getBytes(StandardCharsets.ISO_8859_1));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void verifiesExactlyTheSignaturesThatOpensslVerified(VectorCase vector) {
    byte[] signingString = resource(vector.name() + ".txt").getBytes(StandardCharsets.ISO_8859_1);

    assertThat(SignatureVerifier.verifies(crypto, KEY, signingString, vector.signatureBytes()))
        .isEqualTo(vector.verifies());
  }

  @ParameterizedTest
  @MethodSource("verifiedCases")
  void rejectsEveryOneByteChangeOfTheSigningString(VectorCase vector) {
    byte[] original = resource(vector.name() + ".txt").getBytes(StandardCharsets.ISO_8859_1);
    for (int position = 0; position < original.length; position++) {
      byte[] changed = original.clone();
      changed[position] ^= 0x01;
      assertThat(SignatureVerifier.verifies(crypto, KEY, changed, vector.signatureBytes()))
          .as("signing string changed at byte %d", position)
          .isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("verifiedCases")
  void rejectsEveryOneByteChangeOfTheSignature(VectorCase vector) {
    byte[] signingString = resource(vector.name() + ".txt").getBytes(StandardCharsets.ISO_8859_1);
    byte[] original = vector.signatureBytes();
    for (int position = 0; position < original.length; position++) {
      byte[] changed = original.clone();
      changed[position] ^= 0x01;
      assertThat(SignatureVerifier.verifies(crypto, KEY, signingString, changed))
          .as("signature changed at byte %d", position)
          .isFalse();
    }
  }

  @Test
  void readsTheDefaultTestHeaderWithoutHeadersParameterAsDateOnly() {
    SignatureHeader header = SignatureHeader.parse(
        "keyId=\"Test\",algorithm=\"rsa-sha256\",signature=\"" + signatureOf("default-test") + "\"");

    assertThat(header.headers()).containsExactly("date");
    assertThat(header.signature()).isEqualTo(Base64.getDecoder().decode(signatureOf("default-test")));
  }

  @Test
  void readsTheBasicTestAuthorizationHeaderWithCommaSpaceSeparators() {
    SignatureHeader header = SignatureHeader.parse("Signature keyId=\"Test\",algorithm=\"rsa-sha256\","
        + "headers=\"(request-target) host date\", signature=\"" + signatureOf("basic-test") + "\"");

    assertThat(header.keyId()).isEqualTo("Test");
    assertThat(header.headers()).containsExactly("(request-target)", "host", "date");
  }

  @Test
  void buildsTheCreatedExpiresStringFromTheParametersOfTheElevenHeader() {
    SignatureHeader header = SignatureHeader.parse("Signature keyId=\"Test\",algorithm=\"rsa-sha256\","
        + "created=1402170695, expires=1402170699, headers=\"(request-target) (created) (expires) host date "
        + "content-type digest content-length\", signature=\"" + signatureOf("all-headers-created-expires-resigned") + "\"");
    Map<String, List<String>> values = new LinkedHashMap<>();
    values.put("(created)", List.of(header.parameter("created").orElseThrow()));
    values.put("(expires)", List.of(header.parameter("expires").orElseThrow()));

    String built = SignatureString.build(header.headers(), REQUEST.method(), REQUEST.target(),
        name -> values.getOrDefault(name, REQUEST.values(name)));

    assertThat(built).isEqualTo(resource("all-headers-created-expires-resigned.txt"));
    assertThat(SignatureVerifier.verifies(crypto, KEY, built.getBytes(StandardCharsets.ISO_8859_1), header.signature()))
        .isTrue();
  }

  @Test
  void exampleRequestDigestMatchesItsBody() {
    DigestCheck.verify(REQUEST.values("digest"), REQUEST.body().getBytes(StandardCharsets.ISO_8859_1), crypto);

    assertThat(REQUEST.body()).hasSize(18);
  }

  private static String signatureOf(String name) {
    return cases().filter(vector -> vector.name().equals(name)).findFirst().orElseThrow().signature();
  }

  static String resource(String name) {
    try (InputStream in = DraftCavageVectorsTest.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The draft's example request: a request line, header lines, an empty line and the body. */
  record ExampleRequest(String method, String target, Map<String, List<String>> headers, String body) {
    static ExampleRequest parse(String text) {
      String[] lines = text.split("\n", -1);
      String[] requestLine = lines[0].split(" ");
      Map<String, List<String>> headers = new LinkedHashMap<>();
      int line = 1;
      for (; !lines[line].isEmpty(); line++) {
        int colon = lines[line].indexOf(':');
        headers.computeIfAbsent(lines[line].substring(0, colon).toLowerCase(Locale.ROOT), name -> new ArrayList<>())
            .add(lines[line].substring(colon + 1).trim());
      }
      String body = String.join("\n", Arrays.asList(lines).subList(line + 1, lines.length));
      return new ExampleRequest(requestLine[0], requestLine[1], headers, body);
    }

    List<String> values(String name) {
      return headers.getOrDefault(name, List.of());
    }
  }
}
