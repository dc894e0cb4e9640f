package io.github.copernicawebhooks.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which header values the console shows: an allow-list, so a gateway's credential of any name stays hidden. */
class CallCaptureTest {

  @Test
  void showsTheHeadersOfCopernicasWireContract() {
    assertThat(CallCapture.shown("Content-Type", "application/x-www-form-urlencoded"))
        .isEqualTo("application/x-www-form-urlencoded");
    assertThat(CallCapture.shown("X-Copernica-ID", "account_1234")).isEqualTo("account_1234");
    assertThat(CallCapture.shown("Date", "Sat, 28 Nov 2026 10:15:00 GMT")).isEqualTo("Sat, 28 Nov 2026 10:15:00 GMT");
    assertThat(CallCapture.shown("digest", "SHA-256=abc=")).isEqualTo("SHA-256=abc=");
    assertThat(CallCapture.shown("X-Nonce", "n-1")).isEqualTo("n-1");
    assertThat(CallCapture.shown("Host", "hooks.example.com")).isEqualTo("hooks.example.com");
    assertThat(CallCapture.shown("User-Agent", "Copernica")).isEqualTo("Copernica");
    assertThat(CallCapture.shown("X-Forwarded-Proto", "https")).isEqualTo("https");
    assertThat(CallCapture.shown("Signature", "keyId=\"one\",signature=\"" + "A".repeat(40) + "\""))
        .isEqualTo("keyId=\"one\",signature=\"AAAAAAAAAAAA…(40 characters)\"");
  }

  @Test
  void hidesEveryOtherHeaderWhateverItsName() {
    for (String gateway : new String[] {"Cf-Access-Jwt-Assertion", "X-Amzn-Oidc-Data", "X-Amzn-Oidc-Accesstoken",
        "X-Forwarded-Access-Token", "X-Auth-Token", "Cookie", "X-Api-Key", "Proxy-Authorization", "X-Something-New"}) {
      assertThat(CallCapture.shown(gateway, "eyJhbGciOiJSUzI1NiJ9.secret")).as(gateway)
          .isEqualTo("(hidden, 27 characters)");
    }
    assertThat(CallCapture.shown("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9")).isEqualTo("(hidden, 27 characters)");
  }
}
