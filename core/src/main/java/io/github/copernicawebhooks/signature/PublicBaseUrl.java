package io.github.copernicawebhooks.signature;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The scheme, host and path prefix the sender used, when a proxy in between changes them: the signed
 * {@code host} is this URL's host (with its port when the URL names one) and the signed request target
 * is the path prefix followed by the target the receiver saw.
 */
record PublicBaseUrl(String host, String pathPrefix) {

  static PublicBaseUrl parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("publicBaseUrl is not a URL: " + url, e);
    }
    String host = uri.getHost();
    if (!uri.isAbsolute() || host == null) {
      throw new IllegalArgumentException("publicBaseUrl must be absolute with a host, like https://example.com/app; was " + url);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("publicBaseUrl must not have a query or fragment: " + url);
    }
    String hostAndPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    String path = Optional.ofNullable(uri.getRawPath()).orElse("");
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new PublicBaseUrl(hostAndPort, path);
  }

  /** The request target the sender signed for the target this receiver saw. */
  String signedTarget(String receivedTarget) {
    return pathPrefix + receivedTarget;
  }
}
