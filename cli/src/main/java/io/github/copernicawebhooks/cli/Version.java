package io.github.copernicawebhooks.cli;

import picocli.CommandLine.IVersionProvider;

/** The version in the jar's manifest; "development" when run from the classes folder. */
final class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"copernica-webhooks " + (version == null ? "development" : version)};
  }
}
