package io.github.copernicawebhooks.samples.spring;

import java.net.URI;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where Copernica should post and where the console is, once the server is listening. */
@Component
class EndpointAnnouncer {

  @EventListener(ApplicationReadyEvent.class)
  void announce(ApplicationReadyEvent ready) {
    Environment environment = ready.getApplicationContext().getEnvironment();
    System.out.println("Copernica webhook endpoint: " + endpoint(environment));
    System.out.println("Copernica webhook console: " + endpoint(environment).resolve(
        environment.getProperty("copernica.webhooks.console.path", "/copernica-webhooks") + "/")
        + " (user '" + environment.getProperty("spring.security.user.name") + "'; its password is the generated"
        + " security password logged above unless spring.security.user.password sets one)");
  }

  static URI endpoint(Environment environment) {
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    String path = environment.getProperty("copernica.webhooks.path", "/webhooks/copernica");
    return URI.create("http://localhost:" + port + path);
  }
}
