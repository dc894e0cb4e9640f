package io.github.copernicawebhooks.servlet;

import java.nio.file.Path;
import java.util.Map;

/** Slow bodies on Jetty 12 with the filter declared async-supported: non-blocking reads. */
class JettySlowBodyTest extends SlowBodyContract {

  @Override
  AutoCloseable start(CopernicaWebhookFilter filter, Path temporary) throws Exception {
    return AbuseServer.startFilters(Map.of(PATH, filter), Map.of(), true);
  }

  @Override
  int port(AutoCloseable server) {
    return ((AbuseServer) server).port();
  }
}
