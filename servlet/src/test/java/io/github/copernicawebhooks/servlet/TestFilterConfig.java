package io.github.copernicawebhooks.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A filter configuration with init-params and no servlet context, for configuration tests. */
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

  @Override
  public ServletContext getServletContext() {
    throw new UnsupportedOperationException("the filter needs no servlet context to configure itself");
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
