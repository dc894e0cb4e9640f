package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.EventDeduplicator;

/** A de-duplicator web.xml cannot name: it has no no-argument constructor. */
public final class DeduplicatorWithoutDefaultConstructor implements EventDeduplicator {

  public DeduplicatorWithoutDefaultConstructor(String store) {
    // the argument only makes the no-argument constructor absent
  }

  @Override
  public boolean claim(String key) {
    return true;
  }

  @Override
  public void release(String key) {}
}
