package io.github.copernicawebhooks.samples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A reactive Spring Boot application on Reactor Netty that receives Copernica webhooks at
 * {@code /webhooks/copernica}, with no servlet API on its class path.
 *
 * <p>By default it runs the {@code demo} profile: it trusts a key pair generated at start-up and, once
 * up, sends itself one signed example of every event type. Setting
 * {@code copernica.webhooks.account-ids} to a real account id makes it a real receiver that verifies
 * Copernica's calls against the keys in DNS.
 */
@SpringBootApplication
public class WebFluxSampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(WebFluxSampleApplication.class, args);
  }
}
