package io.github.copernicawebhooks.samples.webflux;

import java.net.URI;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where Copernica should post, once the server is listening. */
@Component
class EndpointAnnouncer {

  @EventListener(ApplicationReadyEvent.class)
  void announce(ApplicationReadyEvent ready) {
    System.out.println("Copernica webhook endpoint: " + endpoint(ready.getApplicationContext().getEnvironment()));
  }

  static URI endpoint(Environment environment) {
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    String path = environment.getProperty("copernica.webhooks.path", "/webhooks/copernica");
    return URI.create("http://localhost:" + port + path);
  }
}
