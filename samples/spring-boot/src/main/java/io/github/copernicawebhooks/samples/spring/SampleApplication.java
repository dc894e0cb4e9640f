package io.github.copernicawebhooks.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that receives Copernica webhooks at {@code /webhooks/copernica}.
 *
 * <p>By default it runs the {@code demo} profile: it trusts a key pair generated at start-up and, once
 * up, sends itself one signed example of every event type. Setting
 * {@code copernica.webhooks.account-ids} to a real account id makes it a real receiver that verifies
 * Copernica's calls against the keys in DNS.
 */
@SpringBootApplication
public class SampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
