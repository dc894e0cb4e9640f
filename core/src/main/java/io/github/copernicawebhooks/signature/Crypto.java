package io.github.copernicawebhooks.signature;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The providers that verify and sign ({@code SHA256withRSA}) and digest bodies, chosen once per JVM for each
 * {@link SignatureProvider} and passed to every {@code getInstance} explicitly, so that the application's
 * own provider order is never changed behind its back. A provider is used only after its known-answer test.
 */
final class Crypto {

  static final String RSA_SHA256 = "SHA256withRSA";
  static final String ACCP_NAME = "AmazonCorrettoCryptoProvider";

  private static final Logger LOGGER = System.getLogger(SignatureVerifier.class.getName());
  private static final Map<SignatureProvider, Crypto> SELECTED = new ConcurrentHashMap<>();

  private final SignatureProvider kind;
  private final Provider signatures;
  private final Provider digests;

  Crypto(SignatureProvider kind, Provider signatures, Provider digests) {
    this.kind = kind;
    this.signatures = signatures;
    this.digests = digests;
  }

  /**
   * The providers for this choice; the first selection of each choice logs one INFO line naming them.
   *
   * @throws IllegalStateException when {@code ACCP} was asked for and cannot be used, saying why
   */
  static Crypto select(SignatureProvider choice) {
    return SELECTED.computeIfAbsent(choice, Crypto::resolve);
  }

  private static Crypto resolve(SignatureProvider choice) {
    if (choice == SignatureProvider.JDK) {
      return announced(jdk(), "as configured");
    }
    Crypto accp = AccpState.CRYPTO;
    if (accp != null) {
      return announced(accp, "");
    }
    if (choice == SignatureProvider.ACCP) {
      throw new IllegalStateException("signature provider 'accp' was asked for, but ACCP cannot be used: "
          + AccpState.PROBLEM + ". Add software.amazon.cryptools:AmazonCorrettoCryptoProvider with this "
          + "platform's classifier (linux-x86_64 or linux-aarch_64), or choose 'auto' or 'jdk'");
    }
    return announced(jdk(), "because ACCP cannot be used: " + AccpState.PROBLEM);
  }

  private static Crypto announced(Crypto crypto, String why) {
    LOGGER.log(Level.INFO, "Copernica webhook signatures use " + crypto.name() + (why.isEmpty() ? "" : " " + why));
    return crypto;
  }

  /** The JDK's providers, after their known-answer test: a JVM whose RSA fails it must not start. */
  private static Crypto jdk() {
    Crypto jdk = new Crypto(SignatureProvider.JDK,
        jdkProvider("Signature", RSA_SHA256, "SunRsaSign"), jdkProvider("MessageDigest", "SHA-256", "SUN"));
    String problem = KnownAnswer.problem(jdk);
    if (problem != null) {
      throw new IllegalStateException("the JDK's " + jdk.name() + " failed its known-answer test: " + problem);
    }
    return jdk;
  }

  /** The JDK's usual provider of the service, else the first one offering it that is not ACCP. */
  private static Provider jdkProvider(String type, String algorithm, String usual) {
    Provider named = Security.getProvider(usual);
    if (named != null && named.getService(type, algorithm) != null) {
      return named;
    }
    Provider[] offering = Security.getProviders(type + "." + algorithm);
    for (Provider provider : offering == null ? new Provider[0] : offering) {
      if (!provider.getName().equals(ACCP_NAME)) {
        return provider;
      }
    }
    throw new IllegalStateException("no JDK provider offers " + type + " " + algorithm);
  }

  /** {@code JDK} or {@code ACCP}: the one in use. */
  SignatureProvider kind() {
    return kind;
  }

  /** The signature provider's name and version, e.g. {@code AmazonCorrettoCryptoProvider 2.5.0}. */
  String name() {
    return signatures.getName() + " " + signatures.getVersionStr();
  }

  Signature rsaSha256() {
    try {
      return Signature.getInstance(RSA_SHA256, signatures);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(signatures.getName() + " passed its known-answer test with " + RSA_SHA256, e);
    }
  }

  byte[] digest(String algorithm, byte[] body) {
    try {
      return MessageDigest.getInstance(algorithm, digests).digest(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(digests.getName() + " passed its known-answer test with " + algorithm, e);
    }
  }

  /** Puts ACCP first in the JVM's provider list, for the whole application; the JDK's list stays as it is. */
  void installGlobally() {
    if (kind == SignatureProvider.ACCP && Security.insertProviderAt(signatures, 1) != -1) {
      LOGGER.log(Level.INFO, "installed " + name() + " as the JVM's first security provider, as configured");
    }
  }

  /** ACCP, probed once per JVM (loading its native library takes a few hundred milliseconds): usable or why not. */
  private static final class AccpState {
    static final @Nullable Crypto CRYPTO;
    static final String PROBLEM;

    static {
      Crypto crypto = null;
      String problem;
      try {
        Class.forName(Accp.CLASS_NAME, false, Crypto.class.getClassLoader());
        Provider accp = Accp.load();
        crypto = new Crypto(SignatureProvider.ACCP, accp, accp);
        problem = KnownAnswer.problem(crypto);
      } catch (ClassNotFoundException absent) {
        problem = "it is not on the class path";
      } catch (IllegalStateException | LinkageError unusable) {
        problem = String.valueOf(unusable.getMessage());
      }
      CRYPTO = problem == null ? crypto : null;
      PROBLEM = problem == null ? "" : problem;
    }

    private AccpState() {}
  }
}
