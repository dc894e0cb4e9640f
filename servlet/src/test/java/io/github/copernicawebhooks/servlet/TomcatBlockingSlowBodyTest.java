package io.github.copernicawebhooks.servlet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Slow bodies on Tomcat 11 without asynchronous processing: Tomcat ignores interrupts of a blocking read,
 * so a stalled read ends with its next byte; the body's room is given back at the deadline regardless.
 * After the filter returns, Tomcat itself reads (swallows) what remains of an unread body.
 */
class TomcatBlockingSlowBodyTest extends SlowBodyContract {

  @Override
  AutoCloseable start(CopernicaWebhookFilter filter, Path temporary) throws Exception {
    return TomcatFilterServer.start(temporary, Map.of(PATH, filter), false);
  }

  @Override
  int port(AutoCloseable server) {
    return ((TomcatFilterServer) server).port();
  }

  @Override
  boolean containerSwallowsUnreadBodies() {
    return true;
  }

  @Override
  Duration trickleInterval() {
    return Duration.ofMillis(500);
  }
}
