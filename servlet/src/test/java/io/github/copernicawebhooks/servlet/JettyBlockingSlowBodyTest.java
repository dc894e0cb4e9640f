package io.github.copernicawebhooks.servlet;

import java.nio.file.Path;
import java.util.Map;

/** Slow bodies on Jetty 12 with the filter not async-supported: blocking reads, which Jetty lets us interrupt. */
class JettyBlockingSlowBodyTest extends SlowBodyContract {

  @Override
  AutoCloseable start(CopernicaWebhookFilter filter, Path temporary) throws Exception {
    return AbuseServer.startFilters(Map.of(PATH, filter), Map.of(), false);
  }

  @Override
  int port(AutoCloseable server) {
    return ((AbuseServer) server).port();
  }
}
