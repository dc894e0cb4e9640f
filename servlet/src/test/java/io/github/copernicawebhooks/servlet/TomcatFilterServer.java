package io.github.copernicawebhooks.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * An embedded Tomcat 11 on a free port with filters mounted in code. Tomcat runs filters only for requests
 * some servlet is mapped to, so a fallback servlet serves everything else; {@code async} declares filters
 * and servlet as supporting asynchronous processing, as Spring Boot does.
 */
final class TomcatFilterServer implements AutoCloseable {

  private final Tomcat tomcat;

  private TomcatFilterServer(Tomcat tomcat) {
    this.tomcat = tomcat;
  }

  static TomcatFilterServer start(Path temporary, Map<String, ? extends Filter> filters, boolean async) throws Exception {
    Tomcat tomcat = new Tomcat();
    Path base = Files.createTempDirectory(temporary, "tomcat");
    tomcat.setBaseDir(base.toString());
    tomcat.setPort(0);
    tomcat.getConnector();
    Context context = tomcat.addContext("", base.toString());
    filters.forEach((path, filter) -> {
      String name = "filter" + path.replace('/', '-');
      FilterDef definition = new FilterDef();
      definition.setFilterName(name);
      definition.setFilter(filter);
      definition.setAsyncSupported(Boolean.toString(async));
      context.addFilterDef(definition);
      FilterMap mapping = new FilterMap();
      mapping.setFilterName(name);
      mapping.addURLPattern(path);
      context.addFilterMap(mapping);
    });
    Wrapper fallback = Tomcat.addServlet(context, "fallback", new FallbackServlet());
    fallback.setAsyncSupported(async);
    context.addServletMappingDecoded("/", "fallback");
    tomcat.start();
    return new TomcatFilterServer(tomcat);
  }

  int port() {
    return tomcat.getConnector().getLocalPort();
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  /** Stands in for the application's own servlets. */
  static final class FallbackServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setStatus(404);
      response.getWriter().write("fallback");
    }
  }
}
