package io.github.copernicawebhooks.cli;

import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import io.github.copernicawebhooks.signature.WebhookSigner;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The servlet filter on embedded Jetty at {@code /webhooks}, trusting only the public key PEM file that
 * {@code keygen} wrote and the default account, as a user's receiver would after pinning them.
 */
final class Receiver implements AutoCloseable {

  private final Server server = new Server();
  private final List<WebhookEvent> events = new CopyOnWriteArrayList<>();
  private final int port;

  Receiver(Path publicKeyPem) throws Exception {
    WebhookReceiver receiver = WebhookReceiver.builder()
        .verifier(SignatureVerifier.builder()
            .accountIds(WebhookSigner.DEFAULT_ACCOUNT_ID)
            .keyResolver(PublicKeyResolver.fromPem(Files.readString(publicKeyPem)))
            .build())
        .listener(events::add)
        .build();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(new FilterHolder(new CopernicaWebhookFilter(receiver)), "/webhooks",
        EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  /** The webhook URL. */
  String url() {
    return URI.create("http://127.0.0.1:" + port + "/webhooks").toString();
  }

  /** The events the listener was given, in order. */
  List<WebhookEvent> events() {
    return events;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
