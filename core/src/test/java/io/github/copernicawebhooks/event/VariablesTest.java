package io.github.copernicawebhooks.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;
import io.github.copernicawebhooks.WebhookParser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

  record Customer(String email, int age, boolean newsletter, LocalDate birthdate, LocalDateTime lastOrder,
      BigDecimal score, Integer missing) {}

  private static Variables fieldsOf(String body) {
    return ((ProfileEvent) WebhookParser.create()
        .parse("type=update&profile=1&timestamp=2026-01-01+00%3A00%3A00&" + body)).fields();
  }

  @Test
  void getsValuesByExactName() {
    Variables fields = fieldsOf("fields%5Bemail%5D=jan%40example.nl&fields%5Bcity%5D=");

    assertThat(fields.get("email")).contains("jan@example.nl");
    assertThat(fields.get("city")).contains("");
    assertThat(fields.get("Email")).isEmpty();
    assertThat(fields.get("phone")).isEmpty();
  }

  @Test
  void keepsTheOrderReceived() {
    Variables fields = fieldsOf("fields%5Bz%5D=1&fields%5Ba%5D=2&fields%5Bm%5D=3");

    assertThat(List.copyOf(fields.asMap().keySet())).containsExactly("z", "a", "m");
  }

  @Test
  void keepsFirstPositionAndLastValueOfANameSentTwice() {
    Variables fields = fieldsOf("fields%5Ba%5D=1&fields%5Bb%5D=2&fields%5Ba%5D=3");

    assertThat(fields.asMap()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    assertThat(fields.get("a")).contains("3");
  }

  @Test
  void findsValuesAmongManyByName() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      body.append("&fields%5Bf").append(i).append("%5D=v").append(i);
    }
    Variables fields = fieldsOf(body.substring(1));

    assertThat(fields.get("f37")).contains("v37");
    assertThat(fields.get("f50")).isEmpty();
    assertThat(fields.asMap()).hasSize(50);
  }

  @Test
  void isImmutableAndEqualByContent() {
    Map<String, String> source = new LinkedHashMap<>();
    source.put("a", "1");
    Variables variables = Variables.of(source);
    source.put("b", "2");

    assertThat(variables.asMap()).containsOnlyKeys("a");
    assertThatThrownBy(() -> variables.asMap().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(variables).isEqualTo(Variables.of(Map.of("a", "1"))).hasSameHashCodeAs(Variables.of(Map.of("a", "1")));
    assertThat(variables).isNotEqualTo(Variables.of(Map.of("a", "2")));
    assertThat(variables.toString()).isEqualTo("{a=1}");
    assertThat(Variables.empty().isEmpty()).isTrue();
    assertThat(fieldsOf("x=1")).isEqualTo(Variables.empty());
  }

  @Test
  void bindsToAUserTypeCoercingStrings() {
    Variables fields = fieldsOf("fields%5Bemail%5D=jan%40example.nl&fields%5Bage%5D=42&fields%5Bnewsletter%5D=true"
        + "&fields%5Bbirthdate%5D=1980-05-17&fields%5BlastOrder%5D=2026-11-27+18%3A44%3A02&fields%5Bscore%5D=87.5"
        + "&fields%5Bunknown%5D=ignored");

    Customer customer = fields.as(Customer.class);

    assertThat(customer).isEqualTo(new Customer("jan@example.nl", 42, true, LocalDate.of(1980, 5, 17),
        LocalDateTime.of(2026, 11, 27, 18, 44, 2), new BigDecimal("87.5"), null));
  }

  @Test
  void refusesToBindAValueThatDoesNotFit() {
    Variables fields = fieldsOf("fields%5Bage%5D=old");

    assertThatThrownBy(() -> fields.as(Customer.class))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VARIABLE))
        .hasMessageContaining("Customer");
  }
}
