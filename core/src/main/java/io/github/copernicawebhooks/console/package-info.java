/**
 * The web console: a bounded record of recent calls ({@link io.github.copernicawebhooks.console.RecentCalls})
 * and the console's page and JSON endpoints ({@link io.github.copernicawebhooks.console.WebhookConsole}),
 * independent of any web framework. The servlet module serves it with {@code CopernicaWebhookConsoleServlet};
 * Spring Boot turns it on with {@code copernica.webhooks.console.enabled=true}.
 *
 * <pre>{@code
 * RecentCalls recent = RecentCalls.create();
 * WebhookReceiver receiver = WebhookReceiver.builder().observer(recent)...build();
 * WebhookConsole console = WebhookConsole.builder(receiver).recentCalls(recent).build();
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks.console;

import org.jspecify.annotations.NullMarked;
