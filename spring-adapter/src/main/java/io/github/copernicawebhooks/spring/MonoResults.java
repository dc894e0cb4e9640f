package io.github.copernicawebhooks.spring;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * Handler methods that return {@code Mono<Void>}: the call waits for the Mono, so that a failure still
 * answers 500. Receivers call handlers on threads that may block (a servlet thread, a bounded-elastic
 * thread in a reactive application, the asynchronous pool), never on an event loop. Reactor is loaded only
 * when a method returns a Mono.
 */
final class MonoResults {

  static final String MONO = "reactor.core.publisher.Mono";

  private MonoResults() {}

  /** Whether the type is {@code Mono<Void>}, without loading Reactor for any other type. */
  static boolean isMonoOfVoid(Type type) {
    return type instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw && raw.getName().equals(MONO)
        && parameterized.getActualTypeArguments()[0] == Void.class;
  }

  /**
   * Waits for the Mono a handler returned ({@code null} counts as done); a failed Mono throws its error, the
   * handler's own exception rather than Reactor's wrapper of it.
   */
  static void await(@Nullable Object mono) throws Exception {
    if (mono != null) {
      Reactive.block(mono);
    }
  }

  /** The only place that touches Reactor's types. */
  private static final class Reactive {
    static void block(Object mono) throws Exception {
      try {
        ((reactor.core.publisher.Mono<?>) mono).block();
      } catch (RuntimeException failure) {
        Throwable original = reactor.core.Exceptions.unwrap(failure);
        if (original instanceof Error error) {
          throw error;
        }
        throw original instanceof Exception exception ? exception : failure;
      }
    }
  }
}
