package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Bodies declared in a charset other than UTF-8 are decoded in it; undeclared bodies stay UTF-8. */
class DeclaredCharsetTest {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json";
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final String HEAD = "type=update&profile=7&database=1" + Events.TIMESTAMP;
  private static final WebhookParser PARSER = WebhookParser.create();
  private static final WebhookSigner SIGNER = WebhookSigner.generate();

  @Test
  void decodesRawLatin1BytesAsLatin1() {
    byte[] body = (HEAD + "&fields%5Bname%5D=Ren\u00e9+M\u00fcller").getBytes(StandardCharsets.ISO_8859_1);

    assertThat(name(PARSER.parse(body, FORM + "; charset=ISO-8859-1"))).isEqualTo("Ren\u00e9 M\u00fcller");
  }

  @Test
  void decodesPercentEscapesAsBytesOfTheDeclaredCharset() {
    byte[] body = (HEAD + "&fields%5Bname%5D=Ren%E9+%80+%9C").getBytes(StandardCharsets.US_ASCII);

    assertThat(name(PARSER.parse(body, FORM + ";charset=\"windows-1252\""))).isEqualTo("Ren\u00e9 \u20ac \u0153");
    assertThat(name(PARSER.parse(body, FORM + "; charset=ISO-8859-1"))).isEqualTo("Ren\u00e9 \u0080 \u009c");
  }

  @Test
  void decodesRawWindows1252BytesInNamesAndValues() {
    byte[] body = (HEAD + "&fields%5Bprix\u20ac%5D=12\u20ac&fields%5Bname%5D=\u00e9t\u00e9").getBytes(CP1252);

    WebhookEvent event = PARSER.parse(body, "Application/X-WWW-Form-Urlencoded; Charset=Windows-1252");

    assertThat(event.raw()).containsEntry("fields[prix\u20ac]", List.of("12\u20ac"));
    assertThat(name(event)).isEqualTo("\u00e9t\u00e9");
  }

  @Test
  void decodesAFormBodyInACharsetThatIsNotAsciiCompatible() {
    // each escape run is bytes of the charset, as URLEncoder.encode(text, charset) writes them
    String form = "type=update&profile=7&timestamp=2026-11-28+08%00%3A00:00&fields%00%5Bname%00%5D=";
    byte[] body = (form + "\u00e9t\u00e9+%00%E9").getBytes(StandardCharsets.UTF_16BE);
    byte[] withByteOrderMarks = (form + "%FE%FF%00%E9").getBytes(StandardCharsets.UTF_16);

    assertThat(name(PARSER.parse(body, FORM + "; charset=UTF-16BE"))).isEqualTo("\u00e9t\u00e9 \u00e9");
    assertThat(name(PARSER.parse(withByteOrderMarks, FORM + "; charset=UTF-16"))).isEqualTo("\u00e9");
  }

  @Test
  void keepsUndeclaredBodiesUtf8() {
    byte[] body = (HEAD + "&fields%5Bname%5D=%E9").getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> PARSER.parse(body, FORM))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY))
        .hasMessageContaining("invalid UTF-8");
    byte[] utf8 = (HEAD + "&fields%5Bname%5D=%C3%A9").getBytes(StandardCharsets.US_ASCII);
    assertThat(name(PARSER.parse(utf8, FORM + "; charset=us-ascii; x=y"))).isEqualTo("\u00e9");
  }

  @Test
  void refusesBytesTheDeclaredCharsetDoesNotDefine() {
    byte[] undefinedInCp1252 = (HEAD + "&fields%5Bname%5D=%81").getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> PARSER.parse(undefinedInCp1252, FORM + "; charset=windows-1252"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY))
        .hasMessageContaining("invalid windows-1252 in the value of 'fields[name]'");
  }

  @Test
  void refusesACharsetThisRuntimeDoesNotKnowWith415() {
    byte[] body = HEAD.getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> PARSER.parse(body, FORM + "; charset=x-no-such-charset"))
        .isInstanceOfSatisfying(WebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_CONTENT_TYPE))
        .hasMessageContaining("charset 'x-no-such-charset' is not supported by this Java runtime");
    assertThatThrownBy(() -> PARSER.parse(new ByteArrayInputStream(body), FORM + "; charset=\"bad name!\""))
        .isInstanceOfSatisfying(WebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_CONTENT_TYPE));
  }

  @Test
  void decodesJsonDeclaredInUtf16OrUtf32() {
    String json = "{\"type\":\"update\",\"profile\":7,\"timestamp\":\"2026-11-28 08:00:00\",\"fields\":{\"name\":\"\u00e9\u20ac\"}}";

    assertThat(name(PARSER.parse(json.getBytes(StandardCharsets.UTF_16LE), JSON + "; charset=UTF-16LE")))
        .isEqualTo("\u00e9\u20ac");
    assertThat(name(PARSER.parse(json.getBytes(StandardCharsets.UTF_16), JSON + "; charset=utf-16")))
        .isEqualTo("\u00e9\u20ac");
    assertThat(name(PARSER.parse(json.getBytes(Charset.forName("UTF-32BE")), JSON + "; charset=UTF-32BE")))
        .isEqualTo("\u00e9\u20ac");
    assertThat(name(PARSER.parse(json.getBytes(StandardCharsets.UTF_8), JSON + "; charset=UTF-8")))
        .isEqualTo("\u00e9\u20ac");
  }

  @Test
  void refusesJsonInACharsetRfc8259DoesNotAllowWith415() {
    byte[] body = "{\"type\":\"update\"}".getBytes(StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> PARSER.parse(body, JSON + "; charset=ISO-8859-1"))
        .isInstanceOfSatisfying(WebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_CONTENT_TYPE))
        .hasMessageContaining("JSON must be UTF-8");
  }

  @Test
  void receiverHandlesASignedWindows1252CallWithTheRightCharacters() {
    List<WebhookEvent> received = new CopyOnWriteArrayList<>();
    WebhookReceiver receiver = receiver(received);
    byte[] body = (HEAD + "&fields%5Bname%5D=%80\u00e9").getBytes(CP1252);

    WebhookOutcome outcome = receiver.receive(signed(body, FORM + "; charset=windows-1252"));

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(received).singleElement().extracting(DeclaredCharsetTest::name).isEqualTo("\u20ac\u00e9");
  }

  @Test
  void receiverAnswers415ForAnUnknownCharset() {
    List<WebhookEvent> received = new CopyOnWriteArrayList<>();

    WebhookOutcome outcome = receiver(received).receive(
        signed(HEAD.getBytes(StandardCharsets.US_ASCII), FORM + "; charset=x-unknown"));

    assertThat(outcome.status()).isEqualTo(415);
    assertThat(outcome.failure()).hasValueSatisfying(failure -> {
      assertThat(failure.reason()).isEqualTo(Reason.UNSUPPORTED_CONTENT_TYPE);
      assertThat(failure).hasMessageContaining("charset 'x-unknown'");
    });
    assertThat(received).isEmpty();
  }

  private static WebhookReceiver receiver(List<WebhookEvent> received) {
    SignatureVerifier verifier = SignatureVerifier.builder()
        .accountIds(SIGNER.accountId()).keyResolver(SIGNER.knownKeyResolver()).build();
    return WebhookReceiver.builder().verifier(verifier).listener(received::add).build();
  }

  private static WebhookRequest signed(byte[] body, String contentType) {
    return SIGNER.sign(WebhookRequest.builder()
        .method("POST")
        .target("/webhooks/copernica")
        .header("Host", "receiver.example.com")
        .header("Content-Type", contentType)
        .body(body)
        .build());
  }

  private static String name(WebhookEvent event) {
    return ((ProfileUpdated) event).fields().get("name").orElseThrow();
  }
}
