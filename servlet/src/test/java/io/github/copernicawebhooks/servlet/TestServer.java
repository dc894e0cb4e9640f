package io.github.copernicawebhooks.servlet;

import java.net.URI;

/** A running servlet container with the test web application deployed at the root. */
interface TestServer extends AutoCloseable {

  /** The base URI, for example {@code http://localhost:41234}. */
  URI base();

  /** Whether a thread with this name serves requests for this server (to count the memory they allocate). */
  boolean isServerThread(String threadName);

  @Override
  void close() throws Exception;
}
