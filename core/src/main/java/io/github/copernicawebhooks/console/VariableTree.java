package io.github.copernicawebhooks.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decoded variables of a body as a tree, the way PHP reads the brackets: {@code fields[email]} is
 * {@code email} under {@code fields}, {@code interests[]} adds the next numbered child. As JSON, each node
 * is {@code {"name": ..., "value": ...}} or {@code {"name": ..., "children": [...]}}.
 */
final class VariableTree {

  private final Map<String, VariableTree> children = new LinkedHashMap<>();
  private final List<String> values = new ArrayList<>();

  private VariableTree() {}

  /** The tree of these variables, in order, their values masked as the masking says. */
  static ArrayNode of(List<Map.Entry<String, String>> variables, Masking masking) {
    VariableTree root = new VariableTree();
    for (Map.Entry<String, String> variable : variables) {
      root.add(path(masking.name(variable.getKey())), masking.variable(variable.getKey(), variable.getValue()));
    }
    return root.childrenJson();
  }

  private void add(List<String> path, String value) {
    VariableTree node = this;
    for (String segment : path) {
      String name = segment.isEmpty() ? Integer.toString(node.children.size()) : segment;
      node = node.children.computeIfAbsent(name, key -> new VariableTree());
    }
    node.values.add(value);
  }

  /** {@code a[b][]} is {@code [a, b, ""]}; a name whose brackets do not close is one segment. */
  static List<String> path(String name) {
    int open = name.indexOf('[');
    if (open <= 0 || !name.endsWith("]")) {
      return List.of(name);
    }
    List<String> path = new ArrayList<>();
    path.add(name.substring(0, open));
    int at = open;
    while (at < name.length()) {
      if (name.charAt(at) != '[') {
        return List.of(name);
      }
      int close = name.indexOf(']', at);
      if (close < 0) {
        return List.of(name);
      }
      path.add(name.substring(at + 1, close));
      at = close + 1;
    }
    return path;
  }

  private ArrayNode childrenJson() {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    children.forEach((name, child) -> array.add(child.json(name)));
    return array;
  }

  private ObjectNode json(String name) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", name);
    if (!children.isEmpty()) {
      node.set("children", childrenJson());
    }
    if (values.size() == 1) {
      node.put("value", values.get(0));
    } else if (values.size() > 1) {
      ArrayNode all = node.putArray("values");
      values.forEach(all::add);
    }
    return node;
  }
}
