package io.github.copernicawebhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.copernicawebhooks.console.RecentCalls;
import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console servlet's init-params: defaults, values, and a wrong one naming itself. */
class ConsoleSettingsTest {

  @Test
  void hasSafeDefaults() throws ServletException {
    ConsoleSettings settings = settings(Map.of());

    assertThat(settings.allowRemote()).isFalse();
    assertThat(settings.maskValues()).isFalse();
    assertThat(settings.recentCalls()).isEqualTo(RecentCalls.DEFAULT_CAPACITY);
    assertThat(settings.role()).isEmpty();
    assertThat(settings.allowedAddresses()).isEmpty();
    assertThat(settings.trustedProxies()).isEmpty();
    assertThat(settings.publicUrl()).isEmpty();
    assertThat(settings.filterName()).isEmpty();
    assertThat(settings.shows("copernica-webhooks", List.of("copernica-webhooks"))).isTrue();
    assertThat(settings.shows("copernica-webhooks", List.of("copernica-webhooks", "other")))
        .as("with several filters it must be told which").isFalse();
  }

  @Test
  void readsEveryInitParam() throws ServletException {
    ConsoleSettings settings = settings(Map.of("allow-remote", "true", "mask-values", "TRUE", "recent-calls", "20",
        "role", " OPS ", "filter-name", "other", "allowed-addresses", "10.1.2.0/24, fd00::/8\n 192.0.2.7",
        "trusted-proxies", "127.0.0.1", "public-url", "https://ops.example.com/copernica-webhooks"));

    assertThat(settings.allowRemote()).isTrue();
    assertThat(settings.maskValues()).isTrue();
    assertThat(settings.recentCalls()).isEqualTo(20);
    assertThat(settings.role()).contains("OPS");
    assertThat(settings.allowedAddresses()).containsExactly("10.1.2.0/24", "fd00::/8", "192.0.2.7");
    assertThat(settings.trustedProxies()).containsExactly("127.0.0.1");
    assertThat(settings.publicUrl()).contains("https://ops.example.com/copernica-webhooks");
    assertThat(settings.shows("other", List.of("copernica-webhooks", "other"))).isTrue();
    assertThat(settings.shows("copernica-webhooks", List.of("copernica-webhooks", "other"))).isFalse();
  }

  @Test
  void aWrongInitParamNamesItself() {
    assertThatThrownBy(() -> settings(Map.of("allow-remotes", "true"))).isInstanceOf(ServletException.class)
        .hasMessage("Copernica webhook console 'console': init-param 'allow-remotes' is not known; known init-params:"
            + " allow-remote, allowed-addresses, filter-name, mask-values, public-url, recent-calls, role,"
            + " trusted-proxies");
    assertThatThrownBy(() -> settings(Map.of("recent-calls", "many")))
        .hasMessageContaining("init-param 'recent-calls' must be a positive whole number, not 'many'");
    assertThatThrownBy(() -> settings(Map.of("recent-calls", "0"))).hasMessageContaining("'recent-calls'");
    assertThatThrownBy(() -> settings(Map.of("mask-values", "yes")))
        .hasMessageContaining("init-param 'mask-values' must be 'true' or 'false', not 'yes'");
  }

  private static ConsoleSettings settings(Map<String, String> parameters) throws ServletException {
    return ConsoleSettings.of("console", parameters.keySet(), parameters::get);
  }
}
