/**
 * Not supported API: the SDK's own parsing and logging helpers. The classes here may change or
 * disappear in any release, patch releases included; do not use them. The API snapshot leaves this
 * package out.
 *
 * <p>Most classes are package-private. The few that are public are reached from other packages of the
 * SDK, or from its other artifacts: {@link io.github.copernicawebhooks.internal.Parsing}, the one entry
 * point to parsing (for {@code WebhookParser}, the console and the event records), and
 * {@link io.github.copernicawebhooks.internal.LogText} and
 * {@link io.github.copernicawebhooks.internal.LogLimiter}, shared with the servlet artifact's log, and
 * {@link io.github.copernicawebhooks.internal.BodyBudget} and {@link io.github.copernicawebhooks.internal.BodyDeadline},
 * the limits on request bodies that the servlet filter and the WebFlux endpoint share.
 */
@NullMarked
package io.github.copernicawebhooks.internal;

import org.jspecify.annotations.NullMarked;
