package io.github.copernicawebhooks.build;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of a module as a text file, compared with a committed snapshot on every build, in
 * the manner of Kotlin's binary-compatibility validator.
 *
 * <p>The API is every public type outside packages named {@code internal} (and every public or
 * protected member type of such a type), with its supertypes, its permitted subtypes and its public
 * members, plus protected members where a subclass outside the package can reach them. Members are
 * written with their generic signatures, sorted, so that the file changes exactly when the API does.
 *
 * <p>The build runs this file with the source launcher ({@code java -cp <module class path>
 * ApiSnapshot.java --classes <dir> --snapshot <file>}), so it has no dependencies and its first class is
 * this one. {@code --update=true} writes the snapshot instead of comparing it.
 */
public final class ApiSnapshot {

  private static final String UPDATE_COMMAND = "mvn -B verify -DskipTests -Dapi.update=true";

  private ApiSnapshot() {
  }

  public static void main(String[] args) {
    System.exit(run(args, ClassLoader.getSystemClassLoader(), System.out, System.err));
  }

  /**
   * Compares (or with {@code --update=true} writes) the snapshot of the classes in {@code --classes},
   * loaded through {@code loader}. Returns 0 when they match or the snapshot was written, 1 when they
   * differ and 2 on a usage or loading error.
   */
  static int run(String[] args, ClassLoader loader, PrintStream out, PrintStream err) {
    Map<String, String> options = options(args);
    if (!options.containsKey("classes") || !options.containsKey("snapshot")) {
      err.println("usage: ApiSnapshot --classes <dir> --snapshot <file.api> [--update=true]");
      return 2;
    }
    Path classes = Path.of(options.get("classes"));
    Path snapshot = Path.of(options.get("snapshot"));
    boolean update = Boolean.parseBoolean(options.getOrDefault("update", "false"));
    String artifact = snapshot.getFileName().toString().replaceFirst("\\.api$", "");
    try {
      List<String> actual = describe(classes, loader);
      if (update) {
        Files.createDirectories(snapshot.toAbsolutePath().getParent());
        Files.writeString(snapshot, render(artifact, actual), StandardCharsets.UTF_8);
        out.println("API snapshot written: " + snapshot);
        return 0;
      }
      if (!Files.exists(snapshot)) {
        err.println("No API snapshot of " + artifact + " at " + snapshot + ". Write it with");
        err.println("  " + UPDATE_COMMAND);
        return 1;
      }
      List<String> expected = significantLines(Files.readAllLines(snapshot, StandardCharsets.UTF_8));
      if (expected.equals(actual)) {
        out.println("API of " + artifact + " matches " + snapshot.getFileName());
        return 0;
      }
      err.println("The API of " + artifact + " differs from its snapshot " + snapshot + ":");
      difference(expected, actual).forEach(line -> err.println("  " + line));
      err.println("If the change is intended, update the snapshot and commit it with the change:");
      err.println("  " + UPDATE_COMMAND);
      return 1;
    } catch (IOException | ReflectiveOperationException | LinkageError e) {
      err.println("Cannot describe the API in " + classes + ": " + e);
      return 2;
    }
  }

  /** The snapshot lines of the classes under {@code classes}: per type its header, then its members indented. */
  static List<String> describe(Path classes, ClassLoader loader) throws IOException, ClassNotFoundException {
    List<String> lines = new ArrayList<>();
    for (String name : classNames(classes)) {
      Class<?> type = Class.forName(name, false, loader);
      if (isApi(type)) {
        lines.add(header(type));
        members(type).forEach(member -> lines.add("  " + member));
      }
    }
    return lines;
  }

  private static Set<String> classNames(Path classes) throws IOException {
    if (!Files.isDirectory(classes)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(classes)) {
      return files
          .filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file).toString().replace('\\', '/'))
          .filter(file -> !file.endsWith("module-info.class") && !file.endsWith("package-info.class"))
          .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
          .filter(ApiSnapshot::isApiPackageOf)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static boolean isApiPackageOf(String className) {
    int dot = className.lastIndexOf('.');
    String packageName = dot < 0 ? "" : className.substring(0, dot);
    return !Arrays.asList(packageName.split("\\.")).contains("internal");
  }

  private static boolean isApi(Class<?> type) {
    if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
      return false;
    }
    Class<?> owner = type.getDeclaringClass();
    if (owner == null) {
      return Modifier.isPublic(type.getModifiers());
    }
    return isApi(owner) && (Modifier.isPublic(type.getModifiers())
        || (Modifier.isProtected(type.getModifiers()) && isExtensible(owner)));
  }

  private static boolean isExtensible(Class<?> type) {
    return !Modifier.isFinal(type.getModifiers()) && !type.isEnum() && !type.isRecord();
  }

  private static String header(Class<?> type) {
    List<String> words = new ArrayList<>();
    if (type.isAnnotationPresent(Deprecated.class)) {
      words.add("@Deprecated");
    }
    int modifiers = type.getModifiers();
    words.add(Modifier.isPublic(modifiers) ? "public" : "protected");
    boolean isPlainClass = !type.isInterface() && !type.isEnum() && !type.isRecord();
    if (isPlainClass) {
      if (type.getDeclaringClass() != null && Modifier.isStatic(modifiers)) {
        words.add("static");
      }
      if (Modifier.isAbstract(modifiers)) {
        words.add("abstract");
      }
      if (Modifier.isFinal(modifiers)) {
        words.add("final");
      }
    }
    if (type.isSealed()) {
      words.add("sealed");
    } else if (isNonSealed(type)) {
      words.add("non-sealed");
    }
    words.add(kind(type));
    StringBuilder line = new StringBuilder(String.join(" ", words))
        .append(' ').append(type.getName()).append(typeParameters(type.getTypeParameters()));
    Type superclass = type.getGenericSuperclass();
    if (isPlainClass && superclass != null && superclass != Object.class) {
      line.append(" extends ").append(superclass.getTypeName());
    }
    List<String> interfaces = Arrays.stream(type.getGenericInterfaces())
        .map(Type::getTypeName)
        .filter(name -> !type.isAnnotation() || !name.equals("java.lang.annotation.Annotation"))
        .sorted()
        .toList();
    if (!interfaces.isEmpty()) {
      line.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
    }
    if (type.isSealed()) {
      line.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses())
          .map(Class::getName).sorted().collect(Collectors.joining(", ")));
    }
    return line.toString();
  }

  private static String kind(Class<?> type) {
    if (type.isAnnotation()) {
      return "@interface";
    } else if (type.isInterface()) {
      return "interface";
    } else if (type.isEnum()) {
      return "enum";
    } else if (type.isRecord()) {
      return "record";
    }
    return "class";
  }

  private static boolean isNonSealed(Class<?> type) {
    if (type.isSealed() || Modifier.isFinal(type.getModifiers()) || type.isEnum() || type.isRecord()) {
      return false;
    }
    Class<?> superclass = type.getSuperclass();
    return (superclass != null && superclass.isSealed())
        || Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
  }

  /** Constructors, then fields, then methods, each group sorted; members of non-API superclasses included. */
  private static List<String> members(Class<?> type) {
    boolean protectedVisible = isExtensible(type);
    Set<String> constructors = new TreeSet<>();
    Set<String> fields = new TreeSet<>();
    Set<String> methods = new TreeSet<>();
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (isVisible(constructor, protectedVisible)) {
        constructors.add(constructor(type, constructor));
      }
    }
    for (Class<?> declaring = type; declaring != null && declaring != Object.class
        && (declaring == type || !isApi(declaring)); declaring = declaring.getSuperclass()) {
      for (Field field : declaring.getDeclaredFields()) {
        if (isVisible(field, protectedVisible)) {
          fields.add(field(field));
        }
      }
      for (Method method : declaring.getDeclaredMethods()) {
        if (isVisible(method, protectedVisible) && !method.isBridge()) {
          methods.add(method(method));
        }
      }
    }
    Set<String> all = new LinkedHashSet<>(constructors);
    all.addAll(fields);
    all.addAll(methods);
    return List.copyOf(all);
  }

  private static boolean isVisible(Member member, boolean protectedVisible) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic()
        && (Modifier.isPublic(modifiers) || (Modifier.isProtected(modifiers) && protectedVisible));
  }

  private static String constructor(Class<?> type, Constructor<?> constructor) {
    String simpleName = type.getName().substring(type.getName().lastIndexOf('.') + 1);
    return modifiers(constructor) + spaced(typeParameters(constructor.getTypeParameters()))
        + simpleName + parameters(constructor) + exceptions(constructor);
  }

  private static String field(Field field) {
    return modifiers(field) + field.getGenericType().getTypeName() + " " + field.getName();
  }

  private static String method(Method method) {
    String line = modifiers(method) + spaced(typeParameters(method.getTypeParameters()))
        + method.getGenericReturnType().getTypeName() + " " + method.getName()
        + parameters(method) + exceptions(method);
    Object defaultValue = method.getDefaultValue();
    return defaultValue == null ? line : line + " default " + value(defaultValue);
  }

  private static String modifiers(Member member) {
    int modifiers = member.getModifiers();
    List<String> words = new ArrayList<>();
    if (member instanceof java.lang.reflect.AnnotatedElement element && element.isAnnotationPresent(Deprecated.class)) {
      words.add("@Deprecated");
    }
    words.add(Modifier.isPublic(modifiers) ? "public" : "protected");
    if (Modifier.isAbstract(modifiers)) {
      words.add("abstract");
    }
    if (member instanceof Method method && method.isDefault()) {
      words.add("default");
    }
    if (Modifier.isStatic(modifiers)) {
      words.add("static");
    }
    if (Modifier.isFinal(modifiers)) {
      words.add("final");
    }
    return String.join(" ", words) + " ";
  }

  private static String typeParameters(TypeVariable<?>[] variables) {
    if (variables.length == 0) {
      return "";
    }
    return Arrays.stream(variables).map(variable -> {
      List<String> bounds = Arrays.stream(variable.getBounds())
          .filter(bound -> bound != Object.class).map(Type::getTypeName).toList();
      return bounds.isEmpty() ? variable.getName() : variable.getName() + " extends " + String.join(" & ", bounds);
    }).collect(Collectors.joining(", ", "<", ">"));
  }

  private static String spaced(String typeParameters) {
    return typeParameters.isEmpty() ? "" : typeParameters + " ";
  }

  private static String parameters(Executable executable) {
    List<String> types = new ArrayList<>(
        Arrays.stream(executable.getGenericParameterTypes()).map(Type::getTypeName).toList());
    if (executable.isVarArgs() && !types.isEmpty()) {
      String last = types.remove(types.size() - 1);
      types.add(last.substring(0, last.length() - 2) + "...");
    }
    return "(" + String.join(", ", types) + ")";
  }

  private static String exceptions(Executable executable) {
    Type[] exceptions = executable.getGenericExceptionTypes();
    if (exceptions.length == 0) {
      return "";
    }
    return Arrays.stream(exceptions).map(Type::getTypeName).sorted()
        .collect(Collectors.joining(", ", " throws ", ""));
  }

  /** An annotation element's default, written the same way on every JDK. */
  private static String value(Object value) {
    if (value instanceof String text) {
      return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    } else if (value instanceof Character character) {
      return "'" + character + "'";
    } else if (value instanceof Class<?> type) {
      return type.getTypeName() + ".class";
    } else if (value instanceof Enum<?> constant) {
      return constant.getDeclaringClass().getName() + "." + constant.name();
    } else if (value instanceof java.lang.annotation.Annotation annotation) {
      return "@" + annotation.annotationType().getName();
    } else if (value.getClass().isArray()) {
      List<String> elements = new ArrayList<>();
      for (int i = 0; i < Array.getLength(value); i++) {
        elements.add(value(Array.get(value, i)));
      }
      return "{" + String.join(", ", elements) + "}";
    }
    return String.valueOf(value);
  }

  static String render(String artifact, List<String> lines) {
    StringBuilder text = new StringBuilder()
        .append("# Public API of ").append(artifact)
        .append(" (types and members outside internal packages), checked by 'mvn verify'.\n")
        .append("# Do not edit: after an intended change run ").append(UPDATE_COMMAND).append('\n');
    for (String line : lines) {
      if (!line.startsWith(" ")) {
        text.append('\n');
      }
      text.append(line).append('\n');
    }
    return text.toString();
  }

  private static List<String> significantLines(List<String> lines) {
    return lines.stream()
        .map(String::stripTrailing)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  /** The entries only in the snapshot ("-") and only in the classes ("+"), each member named with its type. */
  private static List<String> difference(List<String> expected, List<String> actual) {
    Set<String> before = qualified(expected);
    Set<String> after = qualified(actual);
    Map<String, String> changes = new TreeMap<>();
    before.stream().filter(entry -> !after.contains(entry)).forEach(entry -> changes.put(entry + " -", "- " + entry));
    after.stream().filter(entry -> !before.contains(entry)).forEach(entry -> changes.put(entry + " +", "+ " + entry));
    return List.copyOf(changes.values());
  }

  private static Set<String> qualified(List<String> lines) {
    Set<String> entries = new LinkedHashSet<>();
    String type = "";
    for (String line : lines) {
      if (line.startsWith(" ")) {
        entries.add(type + ": " + line.strip());
      } else {
        type = typeName(line);
        entries.add(line);
      }
    }
    return entries;
  }

  private static String typeName(String header) {
    List<String> words = Arrays.asList(header.split(" "));
    for (String kind : List.of("class", "interface", "enum", "record", "@interface")) {
      int index = words.indexOf(kind);
      if (index >= 0 && index + 1 < words.size()) {
        return words.get(index + 1).replaceFirst("<.*", "");
      }
    }
    return header;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        continue;
      }
      int equals = arg.indexOf('=');
      if (equals > 0) {
        options.put(arg.substring(2, equals), arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        options.put(arg.substring(2), args[++i]);
      }
    }
    return options;
  }
}
