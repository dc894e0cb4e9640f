package io.github.copernicawebhooks.spring;

import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ReflectionUtils;

/**
 * One validated {@link CopernicaWebhookHandler} method of one bean. The bean is looked up on every
 * call, as Spring does for {@code @EventListener} methods, so lazy and scoped beans work.
 */
final class HandlerMethod {

  private final BeanFactory beanFactory;
  private final String beanName;
  private final Method method;
  private final HandlerSignature signature;
  private final long[] databases;
  private final long[] collections;
  private final int order;

  HandlerMethod(
      BeanFactory beanFactory, String beanName, Method method, HandlerSignature signature,
      CopernicaWebhookHandler annotation, int order) {
    this.beanFactory = beanFactory;
    this.beanName = beanName;
    this.method = method;
    this.signature = signature;
    this.databases = annotation.database().clone();
    this.collections = annotation.collection().clone();
    this.order = order;
    ReflectionUtils.makeAccessible(method);
  }

  int order() {
    return order;
  }

  /** A short, stable name for logs and metrics: {@code SimpleClassName.method}. */
  String name() {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  boolean takesRequest() {
    return signature.requestIndex() >= 0;
  }

  /** The type of the events this method takes (its subtypes too), before looking at ids. */
  Class<? extends WebhookEvent> eventType() {
    return signature.eventType();
  }

  /** Whether the event's database and collection pass this method's filters. */
  boolean accepts(WebhookEvent event) {
    return matches(databases, event.databaseId()) && matches(collections, event.collectionId());
  }

  void invoke(WebhookEvent event, Optional<WebhookRequest> request) throws Exception {
    Object[] arguments = new Object[method.getParameterCount()];
    arguments[signature.eventIndex()] = event;
    if (takesRequest()) {
      arguments[signature.requestIndex()] = request.orElseThrow(
          () -> new IllegalStateException(name() + " takes the WebhookRequest, but the receiver did not pass it"));
    }
    try {
      Object result = method.invoke(beanFactory.getBean(beanName), arguments);
      if (signature.returnsMono()) {
        MonoResults.await(result);
      }
    } catch (InvocationTargetException e) {
      throw rethrowable(e.getTargetException());
    }
  }

  @Override
  public String toString() {
    return method.toGenericString();
  }

  private static Exception rethrowable(Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    return (Exception) failure;
  }

  private static boolean matches(long[] wanted, OptionalLong actual) {
    if (wanted.length == 0) {
      return true;
    }
    if (actual.isEmpty()) {
      return false;
    }
    for (long id : wanted) {
      if (id == actual.getAsLong()) {
        return true;
      }
    }
    return false;
  }
}
