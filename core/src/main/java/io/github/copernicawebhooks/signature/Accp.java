package io.github.copernicawebhooks.signature;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.amazon.corretto.crypto.provider.SelfTestStatus;
import java.security.Provider;

/**
 * The only class that names ACCP's types: {@link Crypto} loads it only once {@link #CLASS_NAME} was found,
 * so that core runs without the optional jar. ACCP disables itself where its native library cannot load (an
 * unsupported platform, a native image, its {@code useExternalLib} property without a library on the path):
 * that is a loading error here, never a crash.
 */
final class Accp {

  static final String CLASS_NAME = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  private Accp() {}

  /**
   * ACCP's instance, once it loaded and passed its own self-tests.
   *
   * @throws IllegalStateException saying why it cannot be used
   */
  static Provider load() {
    AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
    Throwable loadingError = accp.getLoadingError();
    if (loadingError != null) {
      throw new IllegalStateException("its native library did not load (" + loadingError + ")", loadingError);
    }
    SelfTestStatus status;
    try {
      status = accp.runSelfTests();
    } catch (RuntimeException failed) {
      throw new IllegalStateException("its self-tests failed (" + failed + ")", failed);
    }
    if (status != SelfTestStatus.PASSED) {
      throw new IllegalStateException("its self-tests ended " + status);
    }
    return accp;
  }
}
