package io.github.copernicawebhooks.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * The application's own CSRF token, when Spring Security guards the console's path too: its CSRF filter
 * refuses a POST without it, whatever the console's own token says. The page's script then sends it
 * with every POST. Found by the request attribute and interface names, so this module needs no Spring.
 */
final class ApplicationCsrf {

  private static final String SPRING_CSRF_TOKEN = "org.springframework.security.web.csrf.CsrfToken";

  private ApplicationCsrf() {}

  /** The header name and value the application's CSRF protection expects on a POST; empty when there is none. */
  static Map<String, String> postHeaders(HttpServletRequest request) {
    Object token = request.getAttribute(SPRING_CSRF_TOKEN);
    if (token == null) {
      return Map.of();
    }
    Optional<Class<?>> type = interfaceNamed(token.getClass(), SPRING_CSRF_TOKEN);
    if (type.isEmpty()) {
      return Map.of();
    }
    try {
      Method headerName = type.get().getMethod("getHeaderName");
      Method value = type.get().getMethod("getToken");
      Object name = headerName.invoke(token);
      Object tokenValue = value.invoke(token);
      return name instanceof String && tokenValue instanceof String
          ? Map.of((String) name, (String) tokenValue)
          : Map.of();
    } catch (ReflectiveOperationException | RuntimeException unusable) {
      return Map.of();
    }
  }

  private static Optional<Class<?>> interfaceNamed(Class<?> type, String name) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      for (Class<?> implemented : current.getInterfaces()) {
        if (implemented.getName().equals(name)) {
          return Optional.of(implemented);
        }
        Optional<Class<?>> inherited = interfaceNamed(implemented, name);
        if (inherited.isPresent()) {
          return inherited;
        }
      }
    }
    return Optional.empty();
  }
}
