package io.github.copernicawebhooks.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A filter configuration with init-params in an otherwise empty web application, for configuration tests. */
final class TestFilterConfig implements FilterConfig {

  private final Map<String, String> parameters = new LinkedHashMap<>();

  TestFilterConfig with(String name, String value) {
    parameters.put(name, value);
    return this;
  }

  TestFilterConfig without(String name) {
    parameters.remove(name);
    return this;
  }

  @Override
  public String getFilterName() {
    return "copernica-webhooks";
  }

  /**
   * A web application with no servlets and no other filters: the filter looks only for the console servlets
   * that show it, and leaves its receiver in an attribute. Anything else it asks is a failure.
   */
  @Override
  public ServletContext getServletContext() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, arguments) -> {
          switch (method.getName()) {
            case "getServletRegistrations":
            case "getFilterRegistrations":
              return Map.of();
            case "setAttribute":
              attributes.put((String) arguments[0], arguments[1]);
              return null;
            case "getAttribute":
              return attributes.get((String) arguments[0]);
            default:
              throw new UnsupportedOperationException("the filter needs no " + method.getName()
                  + " of the servlet context to configure itself");
          }
        });
  }

  @Override
  public String getInitParameter(String name) {
    return parameters.get(name);
  }

  @Override
  public Enumeration<String> getInitParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }
}
