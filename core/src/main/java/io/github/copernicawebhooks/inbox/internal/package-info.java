/**
 * The inbox's JDBC engine: not API. {@link io.github.copernicawebhooks.WebhookReceiver} builds it from
 * {@link io.github.copernicawebhooks.inbox.InboxSettings}; applications use the types of {@code
 * io.github.copernicawebhooks.inbox}, and the classes here may change in any release.
 */
@NullMarked
package io.github.copernicawebhooks.inbox.internal;

import org.jspecify.annotations.NullMarked;
