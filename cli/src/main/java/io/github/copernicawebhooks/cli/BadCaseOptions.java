package io.github.copernicawebhooks.cli;

import picocli.CommandLine.Option;

/** The bad-case flags of {@code trigger}, at most one of them. */
final class BadCaseOptions {

  @Option(names = "--tamper-body", description = "Change the body after signing it.")
  boolean tamperBody;

  @Option(names = "--stale-date", description = "Sign with a Date an hour old.")
  boolean staleDate;

  @Option(names = "--wrong-account", description = "Sign for another X-Copernica-ID than --account.")
  boolean wrongAccount;

  @Option(names = "--unsigned", description = "Send no signature headers.")
  boolean unsigned;

  /** The case these flags ask for. */
  BadCase badCase() {
    if (tamperBody) {
      return BadCase.TAMPER_BODY;
    }
    if (staleDate) {
      return BadCase.STALE_DATE;
    }
    if (wrongAccount) {
      return BadCase.WRONG_ACCOUNT;
    }
    return unsigned ? BadCase.UNSIGNED : BadCase.NONE;
  }
}
