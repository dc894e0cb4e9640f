/**
 * Test support for applications that receive Copernica webhooks: MockMvc request post-processors that
 * sign requests like Copernica does. Needs {@code spring-test} on the test classpath.
 *
 * <pre>{@code
 * import static io.github.copernicawebhooks.testkit.spring.CopernicaWebhookRequestPostProcessors.copernicaSigned;
 *
 * mockMvc.perform(post("/webhooks/copernica").with(copernicaSigned(signer)).content(body))
 *     .andExpect(status().isOk());
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks.testkit.spring;

import org.jspecify.annotations.NullMarked;
