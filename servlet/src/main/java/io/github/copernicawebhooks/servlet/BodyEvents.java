package io.github.copernicawebhooks.servlet;

import java.io.IOException;

/** What a body reader reports, exactly once per call: the body, or why there is none. */
interface BodyEvents {

  /** The whole body arrived. */
  void received(byte[] body);

  /**
   * More than the limit arrived: the answer is to be written and flushed here; the reader then discards a
   * bounded part of the rest.
   */
  void tooLarge();

  /** The body did not arrive in time; the connection is closed after this answer. */
  void tooSlow(String reason);

  /**
   * The deadline passed while a blocking read may stay stuck until more bytes come: gives the body's room
   * back at once (a stalled body holds little memory), from the watchdog's thread, before {@link #tooSlow}.
   */
  void release();

  /** The container failed to read the body (the client left, or a transfer encoding error). */
  void unreadable(IOException failure);
}
