package io.github.copernicawebhooks.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Finds the {@link CopernicaWebhookHandler} methods of every bean once all singletons exist, the way
 * Spring's {@code EventListenerMethodProcessor} finds {@code @EventListener} methods: by the target
 * class behind any proxy, remembering classes without handlers, and calling the method that is
 * invocable on the proxy. A method that cannot be called correctly fails the start-up.
 */
final class HandlerMethodProcessor implements SmartInitializingSingleton {

  private static final Log LOG = LogFactory.getLog(HandlerMethodProcessor.class);

  private final ConfigurableListableBeanFactory beanFactory;
  private final HandlerMethodDispatcher dispatcher;
  private final Set<Class<?>> classesWithoutHandlers = ConcurrentHashMap.newKeySet();

  HandlerMethodProcessor(ConfigurableListableBeanFactory beanFactory, HandlerMethodDispatcher dispatcher) {
    this.beanFactory = beanFactory;
    this.dispatcher = dispatcher;
  }

  @Override
  public void afterSingletonsInstantiated() {
    List<HandlerMethod> found = new ArrayList<>();
    for (String beanName : beanFactory.getBeanNamesForType(Object.class)) {
      Class<?> type = targetClass(beanName);
      if (type != null && !ScopedProxyUtils.isScopedTarget(beanName)) {
        found.addAll(handlersOf(beanName, type));
      }
    }
    // A stable sort: without @Order, methods run in the order their beans were defined.
    found.sort(Comparator.comparingInt(HandlerMethod::order));
    dispatcher.register(found);
    logHandlers(found);
  }

  private void logHandlers(List<HandlerMethod> handlers) {
    if (handlers.isEmpty() && !dispatcher.publishesApplicationEvents()) {
      LOG.warn("No @CopernicaWebhookHandler methods found and copernica.webhooks.publish-application-events is off: "
          + "verified Copernica webhook events are acknowledged and dropped");
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("@CopernicaWebhookHandler methods, in the order they run: " + handlers);
    }
  }

  private @Nullable Class<?> targetClass(String beanName) {
    Class<?> type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
    if (type != null && ScopedObject.class.isAssignableFrom(type)) {
      return AutoProxyUtils.determineTargetClass(beanFactory, ScopedProxyUtils.getTargetBeanName(beanName));
    }
    return type;
  }

  private List<HandlerMethod> handlersOf(String beanName, Class<?> targetType) {
    if (classesWithoutHandlers.contains(targetType)
        || !AnnotationUtils.isCandidateClass(targetType, CopernicaWebhookHandler.class)
        || isSpringContainerClass(targetType)) {
      return List.of();
    }
    Map<Method, CopernicaWebhookHandler> annotated = MethodIntrospector.selectMethods(targetType,
        (MethodIntrospector.MetadataLookup<CopernicaWebhookHandler>) method ->
            AnnotatedElementUtils.findMergedAnnotation(method, CopernicaWebhookHandler.class));
    if (annotated.isEmpty()) {
      classesWithoutHandlers.add(targetType);
      return List.of();
    }
    List<HandlerMethod> handlers = new ArrayList<>(annotated.size());
    annotated.forEach((method, annotation) -> handlers.add(handlerMethod(beanName, method, annotation)));
    return handlers;
  }

  private HandlerMethod handlerMethod(String beanName, Method method, CopernicaWebhookHandler annotation) {
    HandlerSignature signature = HandlerSignature.of(method, annotation);
    Method invocable;
    try {
      invocable = AopUtils.selectInvocableMethod(method, beanFactory.getType(beanName));
    } catch (IllegalStateException e) {
      throw new BeanInitializationException(
          "@CopernicaWebhookHandler method " + HandlerSignature.describe(method) + " cannot be called on bean '"
              + beanName + "': " + e.getMessage(), e);
    }
    return new HandlerMethod(beanFactory, beanName, invocable, signature, annotation, orderOf(method));
  }

  private static int orderOf(Method method) {
    Order order = AnnotatedElementUtils.findMergedAnnotation(method, Order.class);
    return order == null ? Ordered.LOWEST_PRECEDENCE : order.value();
  }

  private static boolean isSpringContainerClass(Class<?> type) {
    return type.getName().startsWith("org.springframework.")
        && !AnnotatedElementUtils.isAnnotated(type, Component.class);
  }
}
