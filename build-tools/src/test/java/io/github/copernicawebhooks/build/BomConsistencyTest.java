package io.github.copernicawebhooks.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (so that importing it imports nothing but our artifacts), so what it repeats
 * from the parent is checked here: version, metadata, release settings, and the list of published
 * artifacts, which are the modules with an API snapshot.
 */
class BomConsistencyTest {

  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();

  private final Element parent = read(ROOT.resolve("pom.xml"));
  private final Element bom = read(ROOT.resolve("bom/pom.xml"));

  @Test
  void bomHasNoParentAndManagesNothingButOurArtifacts() {
    assertThat(child(bom, "parent")).isNull();
    for (Element dependency : managedDependencies(bom)) {
      assertThat(text(dependency, "groupId")).isEqualTo(text(parent, "groupId"));
      assertThat(text(dependency, "version")).isEqualTo("${project.version}");
    }
  }

  @Test
  void bomManagesExactlyThePublishedModules() throws Exception {
    TreeSet<String> published = new TreeSet<>();
    for (String module : texts(child(parent, "modules"), "module")) {
      Path modulePom = ROOT.resolve(module).resolve("pom.xml");
      if (Files.isDirectory(ROOT.resolve(module).resolve("api"))) {
        published.add(text(read(modulePom), "artifactId"));
      }
    }
    TreeSet<String> managed = new TreeSet<>();
    managedDependencies(bom).forEach(dependency -> managed.add(text(dependency, "artifactId")));
    TreeSet<String> ownInParent = new TreeSet<>();
    managedDependencies(parent).stream()
        .filter(dependency -> text(dependency, "groupId").equals(text(parent, "groupId")))
        .forEach(dependency -> ownInParent.add(text(dependency, "artifactId")));

    assertThat(published).contains("copernica-webhooks-core", "copernica-webhooks-servlet",
        "copernica-webhooks-spring-boot-starter");
    assertThat(managed).isEqualTo(published);
    assertThat(ownInParent).isEqualTo(published);
  }

  @Test
  void bomRepeatsTheParentsCoordinatesAndMetadata() {
    for (String field : List.of("groupId", "version", "url", "inceptionYear")) {
      assertThat(text(bom, field)).as(field).isEqualTo(text(parent, field));
    }
    assertThat(child(bom, "licenses").getTextContent()).isEqualTo(child(parent, "licenses").getTextContent());
    assertThat(child(bom, "developers").getTextContent()).isEqualTo(child(parent, "developers").getTextContent());
    assertThat(child(bom, "scm").getTextContent()).isEqualTo(child(parent, "scm").getTextContent());
    assertThat(child(bom, "issueManagement").getTextContent())
        .isEqualTo(child(parent, "issueManagement").getTextContent());
  }

  @Test
  void bomBuildsAndReleasesWithTheParentsSettings() {
    Element bomProperties = child(bom, "properties");
    Element parentProperties = child(parent, "properties");
    for (String property : List.of("project.build.outputTimestamp", "gpg-plugin.version",
        "central-publishing-plugin.version")) {
      assertThat(text(bomProperties, property)).as(property).isEqualTo(text(parentProperties, property));
    }
  }

  private static List<Element> managedDependencies(Element project) {
    return children(child(child(project, "dependencyManagement"), "dependencies"), "dependency");
  }

  private static Element read(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(pom.toFile());
      return document.getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError("cannot read " + pom, e);
    }
  }

  private static Element child(Element element, String name) {
    List<Element> found = children(element, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element element, String name) {
    List<Element> found = new ArrayList<>();
    NodeList nodes = element.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element child && child.getTagName().equals(name)) {
        found.add(child);
      }
    }
    return found;
  }

  private static String text(Element element, String name) {
    Element found = child(element, name);
    assertThat(found).as("<%s> in <%s>", name, element.getTagName()).isNotNull();
    return found.getTextContent().strip();
  }

  private static List<String> texts(Element element, String name) {
    return children(element, name).stream().map(child -> child.getTextContent().strip()).toList();
  }
}
