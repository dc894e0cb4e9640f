/**
 * A Jakarta Servlet filter that receives Copernica webhooks: {@link
 * io.github.copernicawebhooks.servlet.CopernicaWebhookFilter}; and its web console, {@link
 * io.github.copernicawebhooks.servlet.CopernicaWebhookConsoleServlet}.
 *
 * <p>In {@code web.xml}:
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>copernica-webhooks</filter-name>
 *   <filter-class>io.github.copernicawebhooks.servlet.CopernicaWebhookFilter</filter-class>
 *   <init-param>
 *     <param-name>listener</param-name>
 *     <param-value>com.example.MyWebhookListener</param-value>
 *   </init-param>
 *   <init-param>
 *     <param-name>account-ids</param-name>
 *     <param-value>account_1234</param-value>
 *   </init-param>
 * </filter>
 * <filter-mapping>
 *   <filter-name>copernica-webhooks</filter-name>
 *   <url-pattern>/webhooks/copernica</url-pattern>
 * </filter-mapping>
 * }</pre>
 *
 * <p>On an embedded server:
 *
 * <pre>{@code
 * Filter filter = new CopernicaWebhookFilter(WebhookReceiver.builder()
 *     .verifier(SignatureVerifier.builder().accountIds("account_1234").keyResolver(PublicKeyResolver.dns()).build())
 *     .listener(event -> System.out.println(event))
 *     .build());
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks.servlet;

import org.jspecify.annotations.NullMarked;
