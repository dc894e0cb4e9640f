package io.github.copernicawebhooks.consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An empty Spring Boot application: everything webhook-related comes from the starter. */
@SpringBootApplication
public class ConsumerApplication {
}
