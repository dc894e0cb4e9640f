package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.signature.ReplayGuard;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A replay guard named by init-param, standing in for an application's shared store: a static set the tests
 * read, so they see that the filter asked this guard and no other. Public with a public no-argument
 * constructor, as web.xml needs.
 */
public final class SharedReplayGuard implements ReplayGuard {

  static final Set<String> TOKENS = ConcurrentHashMap.newKeySet();

  public SharedReplayGuard() {}

  @Override
  public boolean claim(String token, Instant now, Instant expiresAt) {
    return TOKENS.add(token);
  }
}
