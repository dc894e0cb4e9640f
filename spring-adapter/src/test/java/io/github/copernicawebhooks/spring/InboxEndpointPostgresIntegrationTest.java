package io.github.copernicawebhooks.spring;

import java.io.IOException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbox on a real PostgreSQL database given by {@code spring.datasource.url} (Spring Boot's pooled
 * DataSource), which is not embedded: {@code initialize-schema=always} creates the tables.
 */
@SpringBootTest(classes = InboxEndpointContract.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxEndpointPostgresIntegrationTest extends InboxEndpointContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    signedByTheTestSigner(registry);
    String url = TestDatabases.postgresUrl();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("copernica.webhooks.inbox.initialize-schema", () -> "always");
  }
}
