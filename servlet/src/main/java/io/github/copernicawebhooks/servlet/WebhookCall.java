package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.Screening;
import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.internal.BodyBudget;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One call whose room in the body budget is reserved: answers it once its body is read, or why it is not.
 * The room is given back as soon as the body is no longer held: at once for a refusal, after the handler
 * for a call handled synchronously, and after the queued handler has finished in asynchronous mode.
 */
final class WebhookCall implements BodyEvents {

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final WebhookReceiver receiver;
  private final WebhookRequest head;
  private final Screening screening;
  private final BodyBudget.Lease lease;
  private final FilterLog log;

  WebhookCall(HttpServletRequest request, HttpServletResponse response, WebhookReceiver receiver, WebhookRequest head,
      Screening screening, BodyBudget.Lease lease, FilterLog log) {
    this.request = request;
    this.response = response;
    this.receiver = receiver;
    this.head = head;
    this.screening = screening;
    this.lease = lease;
    this.log = log;
  }

  @Override
  public void received(byte[] body) {
    WebhookOutcome outcome = receiver.receive(screening, body, lease::close);
    answer(outcome, false);
  }

  @Override
  public void tooLarge() {
    lease.close();
    answer(receiver.screen(head, receiver.maxBodyBytes() + 1).refusal().orElseThrow(), true);
    try {
      response.flushBuffer();
    } catch (IOException gone) {
      // the client left: nothing to discard for
    }
  }

  /** Flushes the answer too: it may be written by the watchdog's thread, and the call completed right after. */
  @Override
  public void tooSlow(String reason) {
    lease.close();
    log.tooSlow(request, reason);
    answer(WebhookOutcome.bodyTimeout(), true);
    try {
      response.flushBuffer();
    } catch (IOException gone) {
      // the client left: the call ends either way
    }
  }

  @Override
  public void release() {
    lease.close();
  }

  @Override
  public void unreadable(IOException failure) {
    lease.close();
    log.unreadable(request, failure);
    if (!response.isCommitted()) {
      answer(WebhookOutcome.bodyUnreadable(), true);
    }
  }

  private void answer(WebhookOutcome outcome, boolean bodyLeftUnread) {
    try {
      write(request, response, outcome, bodyLeftUnread);
    } catch (IOException | IllegalStateException gone) {
      // the client left or the call already ended: there is no one to answer
    }
  }

  /**
   * Writes the outcome. When the body was left unread, the connection is closed after the answer, so the
   * container neither reads nor buffers the rest of a body that may be huge.
   */
  static void write(
      HttpServletRequest request, HttpServletResponse response, WebhookOutcome outcome, boolean bodyLeftUnread)
      throws IOException {
    request.setAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE, outcome);
    byte[] message = outcome.message().getBytes(StandardCharsets.UTF_8);
    response.setStatus(outcome.status());
    outcome.headers().forEach(response::setHeader);
    if (bodyLeftUnread) {
      response.setHeader("Connection", "close");
    }
    response.setContentType("text/plain;charset=UTF-8");
    response.setContentLength(message.length);
    response.getOutputStream().write(message);
  }
}
