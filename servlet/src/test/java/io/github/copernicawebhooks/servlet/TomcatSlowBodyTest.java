package io.github.copernicawebhooks.servlet;

import java.nio.file.Path;
import java.util.Map;

/** Slow bodies on Tomcat 11 with filter and servlet async-supported (as Spring Boot registers them). */
class TomcatSlowBodyTest extends SlowBodyContract {

  @Override
  AutoCloseable start(CopernicaWebhookFilter filter, Path temporary) throws Exception {
    return TomcatFilterServer.start(temporary, Map.of(PATH, filter), true);
  }

  @Override
  int port(AutoCloseable server) {
    return ((TomcatFilterServer) server).port();
  }
}
