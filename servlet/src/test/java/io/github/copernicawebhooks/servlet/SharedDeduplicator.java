package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.EventDeduplicator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An event de-duplicator named by init-param, standing in for an application's shared store: a static set
 * of claimed body hashes the tests read. Public with a public no-argument constructor, as web.xml needs.
 */
public final class SharedDeduplicator implements EventDeduplicator {

  static final Set<String> CLAIMED = ConcurrentHashMap.newKeySet();

  public SharedDeduplicator() {}

  @Override
  public boolean claim(String key) {
    return CLAIMED.add(key);
  }

  @Override
  public void release(String key) {
    CLAIMED.remove(key);
  }
}
