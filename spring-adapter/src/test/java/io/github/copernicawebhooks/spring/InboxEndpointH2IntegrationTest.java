package io.github.copernicawebhooks.spring;

import java.io.IOException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbox on the embedded H2 database that Spring Boot starts when H2 is on the class path and no URL is
 * set; the default {@code initialize-schema=embedded} creates the tables.
 */
@SpringBootTest(classes = InboxEndpointContract.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InboxEndpointH2IntegrationTest extends InboxEndpointContract {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    signedByTheTestSigner(registry);
  }
}
