package io.github.copernicawebhooks.samples.webxml;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deploys the WAR that 'mvn package' built into embedded Jetty, as the README's command does. */
class WebXmlSampleIT {

  private static final List<String> EVENT_TYPES = List.of(
      "ProfileCreated", "ProfileUpdated", "ProfileDeleted",
      "SubprofileCreated", "SubprofileUpdated", "SubprofileDeleted",
      "EmailClicked", "EmailOpened", "EmailDelivered", "EmailFailed", "EmailBounced", "Unsubscribed",
      "ComplaintReceived", "UnknownEvent");

  private final Logger listenerLog = Logger.getLogger(LoggingListener.class.getName());
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      logged.add(record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeEach
  void captureListenerLog() {
    listenerLog.addHandler(capture);
  }

  @AfterEach
  void releaseListenerLog() {
    listenerLog.removeHandler(capture);
  }

  @Test
  void demoReceivesVerifiesAndHandlesOneSignedEventOfEveryType() throws Exception {
    try (WebXmlSample sample = WebXmlSample.start(0, WebXmlSample.builtWar(), null)) {
      Map<String, Integer> statuses = sample.sendDemoEvents();

      assertThat(statuses).containsOnlyKeys(EVENT_TYPES);
      assertThat(statuses.values()).containsOnly(200);
      for (String type : EVENT_TYPES) {
        assertThat(logged).anySatisfy(line -> assertThat(line).startsWith(type + ":"));
      }
      HttpResponse<String> console = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(sample.console().resolve("api/calls?outcome=handled")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(console.statusCode()).isEqualTo(200);
      assertThat(console.body()).as("the web console's calls, in memory without the inbox")
          .contains("\"mode\":\"memory\"", "\"total\":" + EVENT_TYPES.size());
    }
  }

  @Test
  void realConfigurationRefusesAnUnsignedCall() throws Exception {
    try (WebXmlSample sample = WebXmlSample.start(0, WebXmlSample.builtWar(), "account_1234")) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(sample.endpoint())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("type=update&profile=1&timestamp=2026-11-28+10%3A15%3A00"))
              .build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(sample.isDemo()).isFalse();
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(logged).isEmpty();
    }
  }
}
