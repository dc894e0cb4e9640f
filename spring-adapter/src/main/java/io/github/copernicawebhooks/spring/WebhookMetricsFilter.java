package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookOutcome;
import io.github.copernicawebhooks.WebhookOutcome.Kind;
import io.github.copernicawebhooks.servlet.CopernicaWebhookFilter;
import io.micrometer.observation.Observation;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Observes and counts every call to the webhook path by its outcome: the {@link WebhookOutcome} that the
 * webhook filter it wraps leaves in the request attribute {@link CopernicaWebhookFilter#OUTCOME_ATTRIBUTE}.
 * A call that ends without one (an exception between the two filters) counts as an internal error. A call
 * the webhook filter goes on with asynchronously (it reads bodies with non-blocking I/O) is observed until
 * it completes, and its body's read callbacks run in the observation's scope, so the handler observations
 * stay its children on whichever container thread they run.
 */
final class WebhookMetricsFilter implements Filter {

  private final WebhookObservations observations;

  WebhookMetricsFilter(WebhookObservations observations) {
    this.observations = observations;
  }

  /**
   * Stops the observation when the chain returns, or, when the webhook filter went on reading the body
   * asynchronously, when the request's asynchronous processing completes: only then is its outcome known.
   */
  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Observation observation = observations.startCall(null);
    ServletRequest observed = request instanceof HttpServletRequest http ? new ObservedRequest(http, observation) : request;
    boolean asynchronous = false;
    try (Observation.Scope scope = observation.openScope()) {
      chain.doFilter(observed, response);
      asynchronous = stopWhenComplete(observed, observation);
    } finally {
      if (!asynchronous) {
        stop(observed, observation);
      }
    }
  }

  /** Whether the call goes on asynchronously, and is stopped when it completes. */
  private boolean stopWhenComplete(ServletRequest request, Observation observation) {
    if (!request.isAsyncStarted()) {
      return false;
    }
    try {
      request.getAsyncContext().addListener(new StopWhenComplete(request, observation));
      return true;
    } catch (IllegalStateException completed) {
      return false; // completed meanwhile: the outcome is there
    }
  }

  private void stop(ServletRequest request, Observation observation) {
    Object outcome = request.getAttribute(CopernicaWebhookFilter.OUTCOME_ATTRIBUTE);
    observations.stopCall(observation, outcome instanceof WebhookOutcome known ? known : null);
  }

  /** The outcome tag: the receiver's {@link Kind} in lower case with dashes, such as {@code rejected-signature}. */
  static String outcomeTag(Kind kind) {
    return WebhookObservations.outcomeTag(kind);
  }

  /** Stops the observation of an asynchronously completed call once, whichever way its processing ended. */
  private final class StopWhenComplete implements AsyncListener {
    private final ServletRequest request;
    private final Observation observation;
    private final AtomicBoolean stopped = new AtomicBoolean();

    StopWhenComplete(ServletRequest request, Observation observation) {
      this.request = request;
      this.observation = observation;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      if (stopped.compareAndSet(false, true)) {
        stop(request, observation);
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {}

    @Override
    public void onError(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }

  /** The request whose body's non-blocking read callbacks run in the call's observation scope. */
  private static final class ObservedRequest extends HttpServletRequestWrapper {
    private final Observation observation;
    private @Nullable ServletInputStream input;

    ObservedRequest(HttpServletRequest request, Observation observation) {
      super(request);
      this.observation = observation;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream current = input;
      if (current == null) {
        current = new ObservedInput(super.getInputStream(), observation);
        input = current;
      }
      return current;
    }
  }

  /** Reads from the container's stream; wraps the read listener in the observation's scope. */
  private static final class ObservedInput extends ServletInputStream {
    private final ServletInputStream in;
    private final Observation observation;

    ObservedInput(ServletInputStream in, Observation observation) {
      this.in = in;
      this.observation = observation;
    }

    @Override
    public int read() throws IOException {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return in.read(b, off, len);
    }

    @Override
    public int readLine(byte[] b, int off, int len) throws IOException {
      return in.readLine(b, off, len);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public long skip(long n) throws IOException {
      return in.skip(n);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(new ScopedListener(listener, observation));
    }
  }

  /** Runs each read callback in the observation's scope. */
  private record ScopedListener(ReadListener listener, Observation observation) implements ReadListener {

    @Override
    public void onDataAvailable() throws IOException {
      try (Observation.Scope scope = observation.openScope()) {
        listener.onDataAvailable();
      }
    }

    @Override
    public void onAllDataRead() throws IOException {
      try (Observation.Scope scope = observation.openScope()) {
        listener.onAllDataRead();
      }
    }

    @Override
    public void onError(Throwable failure) {
      try (Observation.Scope scope = observation.openScope()) {
        listener.onError(failure);
      }
    }
  }
}
