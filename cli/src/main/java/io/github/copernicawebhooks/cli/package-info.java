/**
 * The {@code copernica-webhooks} command-line tool: {@code keygen}, {@code trigger}, {@code send} and
 * {@code completion}, built on the test kit's example bodies and core's {@code WebhookSigner}. Only
 * {@link io.github.copernicawebhooks.cli.Main} is public; the commands are its subcommands.
 */
@NullMarked
package io.github.copernicawebhooks.cli;

import org.jspecify.annotations.NullMarked;
