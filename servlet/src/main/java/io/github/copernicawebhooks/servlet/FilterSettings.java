package io.github.copernicawebhooks.servlet;

import io.github.copernicawebhooks.CallObserver;
import io.github.copernicawebhooks.ParserLimits;
import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.WebhookParser;
import io.github.copernicawebhooks.WebhookReceiver;
import io.github.copernicawebhooks.signature.PublicKeyResolver;
import io.github.copernicawebhooks.signature.ReplayGuard;
import io.github.copernicawebhooks.signature.SignatureProvider;
import io.github.copernicawebhooks.signature.SignatureVerifier;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The filter's init-params, each checked, turned into a receiver; a wrong one names itself. */
final class FilterSettings {

  static final String LISTENER = "listener";
  static final String ACCOUNT_IDS = "account-ids";
  static final String SIGNATURE = "signature";
  static final String PUBLIC_KEY = "public-key";
  static final String TOLERANCE_SECONDS = "tolerance-seconds";
  static final String MAX_BODY_BYTES = "max-body-bytes";
  static final String TIME_ZONE = "time-zone";
  static final String PUBLIC_BASE_URL = "public-base-url";
  static final String REPLAY_GUARD = "replay-guard";
  static final String SIGNATURE_PROVIDER = "signature-provider";
  static final String INSTALL_PROVIDER_GLOBALLY = "install-signature-provider-globally";

  /** The init-params read here; those of {@link ResilienceSettings} and {@link InboxInitParams} are theirs. */
  private static final Set<String> KNOWN = Set.of(
      LISTENER, ACCOUNT_IDS, SIGNATURE, PUBLIC_KEY, TOLERANCE_SECONDS, MAX_BODY_BYTES, TIME_ZONE, PUBLIC_BASE_URL,
      REPLAY_GUARD, SIGNATURE_PROVIDER, INSTALL_PROVIDER_GLOBALLY);

  private final FilterConfig config;

  private FilterSettings(FilterConfig config) {
    this.config = config;
  }

  /** The settings, after checking that every init-param name is one this filter knows (typos fail). */
  static FilterSettings from(FilterConfig config) throws ServletException {
    FilterSettings settings = new FilterSettings(config);
    for (String name : Collections.list(config.getInitParameterNames())) {
      if (!KNOWN.contains(name) && !ResilienceSettings.NAMES.contains(name) && !InboxInitParams.NAMES.contains(name)) {
        throw settings.invalid(name, "is not known; known init-params: " + Stream.of(KNOWN, ResilienceSettings.NAMES,
            InboxInitParams.NAMES).flatMap(Set::stream).sorted().collect(Collectors.joining(", ")));
      }
    }
    return settings;
  }

  WebhookReceiver receiver() throws ServletException {
    return receiver(Optional.empty());
  }

  /** The receiver, telling the observer (the console's record of recent calls), when given, of every call. */
  WebhookReceiver receiver(Optional<? extends CallObserver> observer) throws ServletException {
    WebhookReceiver.Builder builder = WebhookReceiver.builder()
        .parser(WebhookParser.create().withZone(zone()))
        .maxBodyBytes(positiveLong(MAX_BODY_BYTES, ParserLimits.DEFAULT_MAX_BODY_BYTES))
        .listener(listener());
    if (isSignatureRequired()) {
      builder.verifier(verifier());
    } else if (value(REPLAY_GUARD).isPresent()) {
      throw invalid(REPLAY_GUARD, "needs signature verification, which init-param 'signature' turns off");
    } else {
      builder.signatureOff();
    }
    ResilienceSettings.apply(this, builder);
    InboxInitParams.apply(this, builder);
    observer.ifPresent(builder::observer);
    return builder.build();
  }

  private boolean isSignatureRequired() throws ServletException {
    String mode = value(SIGNATURE).orElse("required").toLowerCase(Locale.ROOT);
    if (mode.equals("required")) {
      return true;
    }
    if (mode.equals("off")) {
      return false;
    }
    throw invalid(SIGNATURE, "must be 'required' or 'off', not '" + mode + "'");
  }

  private SignatureVerifier verifier() throws ServletException {
    SignatureVerifier.Builder verifier = SignatureVerifier.builder();
    try {
      verifier.accountIds(accountIds().toArray(String[]::new));
    } catch (IllegalArgumentException wrong) {
      throw invalid(ACCOUNT_IDS, String.valueOf(wrong.getMessage()));
    }
    verifier.tolerance(Duration.ofSeconds(positiveLong(TOLERANCE_SECONDS, SignatureVerifier.DEFAULT_TOLERANCE.toSeconds())));
    verifier.keyResolver(pinnedKey().orElseGet(PublicKeyResolver::dns));
    if (value(REPLAY_GUARD).isPresent()) {
      verifier.replayGuard(instance(REPLAY_GUARD, ReplayGuard.class));
    }
    Optional<String> publicBaseUrl = publicBaseUrl();
    if (publicBaseUrl.isPresent()) {
      try {
        verifier.publicBaseUrl(publicBaseUrl.get());
      } catch (IllegalArgumentException wrong) {
        throw invalid(PUBLIC_BASE_URL, String.valueOf(wrong.getMessage()));
      }
    }
    SignatureProvider provider = signatureProvider();
    return built(verifier.provider(provider).installProviderGlobally(isInstallingProviderGlobally()), provider);
  }

  private SignatureVerifier built(SignatureVerifier.Builder verifier, SignatureProvider provider)
      throws ServletException {
    try {
      return verifier.build();
    } catch (IllegalStateException unusable) {
      // Account ids and a key resolver are given above: what is left to fail is the provider asked for.
      if (provider == SignatureProvider.ACCP) {
        throw invalid(SIGNATURE_PROVIDER, "is 'accp': " + unusable.getMessage());
      }
      throw new ServletException(prefix() + "signature verification cannot be configured: " + unusable.getMessage(),
          unusable);
    } catch (IllegalArgumentException wrong) {
      throw new ServletException(prefix() + "signature verification cannot be configured: " + wrong.getMessage(), wrong);
    }
  }

  private SignatureProvider signatureProvider() throws ServletException {
    try {
      return SignatureProvider.parse(value(SIGNATURE_PROVIDER).orElse("auto"));
    } catch (IllegalArgumentException wrong) {
      throw invalid(SIGNATURE_PROVIDER, String.valueOf(wrong.getMessage()));
    }
  }

  private boolean isInstallingProviderGlobally() throws ServletException {
    String value = value(INSTALL_PROVIDER_GLOBALLY).orElse("false").toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return value.equals("true");
    }
    throw invalid(INSTALL_PROVIDER_GLOBALLY, "must be 'true' or 'false', not '" + value + "'");
  }

  private List<String> accountIds() throws ServletException {
    String list = value(ACCOUNT_IDS).orElseThrow(() -> invalid(ACCOUNT_IDS,
        "is missing: set the X-Copernica-ID value(s) this endpoint accepts, comma-separated, e.g. account_1234"
            + " (or set signature to 'off', never in production)"));
    List<String> ids = Arrays.stream(list.split(",")).map(String::trim).collect(Collectors.toList());
    if (ids.stream().anyMatch(String::isEmpty)) {
      throw invalid(ACCOUNT_IDS, "has an empty account id in '" + list + "'");
    }
    return ids;
  }

  private Optional<PublicKeyResolver> pinnedKey() throws ServletException {
    Optional<String> path = value(PUBLIC_KEY);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PublicKeyResolver.fromPem(Files.readString(Path.of(path.get()), StandardCharsets.US_ASCII)));
    } catch (IllegalArgumentException | IOException wrong) {
      throw invalid(PUBLIC_KEY, "cannot be used: " + wrong);
    }
  }

  private Optional<String> publicBaseUrl() throws ServletException {
    Optional<String> url = value(PUBLIC_BASE_URL);
    if (url.isPresent()) {
      try {
        URI uri = new URI(url.get());
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          throw invalid(PUBLIC_BASE_URL, "must be an http or https URL with a host, not '" + url.get() + "'");
        }
      } catch (URISyntaxException wrong) {
        throw invalid(PUBLIC_BASE_URL, "is not a URL: " + wrong.getMessage());
      }
    }
    return url;
  }

  ZoneId zone() throws ServletException {
    Optional<String> zone = value(TIME_ZONE);
    try {
      return zone.isPresent() ? ZoneId.of(zone.get()) : WebhookParser.DEFAULT_ZONE;
    } catch (DateTimeException wrong) {
      throw invalid(TIME_ZONE, "is not a time zone id such as Europe/Amsterdam: '" + zone.get() + "'");
    }
  }

  private WebhookListener listener() throws ServletException {
    if (value(LISTENER).isEmpty()) {
      throw invalid(LISTENER, "is missing: name a class with a public no-argument constructor implementing "
          + WebhookListener.class.getName());
    }
    return instance(LISTENER, WebhookListener.class);
  }

  /**
   * A new instance of the class the init-param names, which must implement {@code type} and have a public
   * no-argument constructor; every way this can fail names the init-param and the class.
   */
  <T> T instance(String name, Class<T> type) throws ServletException {
    String className = value(name).orElseThrow();
    Class<?> loaded;
    try {
      loaded = Class.forName(className, true, classLoader());
    } catch (ClassNotFoundException | LinkageError wrong) {
      throw invalid(name, "names class " + className + ", which cannot be loaded: " + wrong);
    }
    if (!type.isAssignableFrom(loaded)) {
      throw invalid(name, "names class " + className + ", which does not implement " + type.getName());
    }
    try {
      return type.cast(loaded.getConstructor().newInstance());
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException wrong) {
      throw invalid(name, "names class " + className + ", which has no public no-argument constructor");
    } catch (InvocationTargetException wrong) {
      ServletException failure = invalid(name, "names class " + className + ", whose constructor threw "
          + wrong.getCause());
      failure.initCause(wrong.getCause());
      throw failure;
    }
  }

  long positiveLong(String name, long defaultValue) throws ServletException {
    Optional<String> text = value(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      long number = Long.parseLong(text.get());
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, like a number that is not positive
    }
    throw invalid(name, "must be a positive whole number, not '" + text.get() + "'");
  }

  long nonNegativeLong(String name, long defaultValue) throws ServletException {
    Optional<String> text = value(name);
    if (text.isEmpty()) {
      return defaultValue;
    }
    try {
      long number = Long.parseLong(text.get());
      if (number >= 0) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below, like a negative number
    }
    throw invalid(name, "must be a whole number, 0 or more, not '" + text.get() + "'");
  }

  /** The trimmed value; an empty value counts as absent. */
  Optional<String> value(String name) {
    String value = config.getInitParameter(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : FilterSettings.class.getClassLoader();
  }

  ServletException invalid(String name, String problem) {
    return new ServletException(prefix() + "init-param '" + name + "' " + problem);
  }

  private String prefix() {
    return "Copernica webhook filter '" + config.getFilterName() + "': ";
  }
}
