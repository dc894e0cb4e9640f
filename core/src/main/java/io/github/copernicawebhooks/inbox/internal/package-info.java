/**
 * Not supported API: the inbox's JDBC engine. The classes here may change or disappear in any release,
 * patch releases included; do not use them. The API snapshot leaves this package out.
 * {@link io.github.copernicawebhooks.WebhookReceiver} builds the engine from
 * {@link io.github.copernicawebhooks.inbox.InboxSettings} through its public class
 * {@link io.github.copernicawebhooks.inbox.internal.Inbox} (and its results, {@link
 * io.github.copernicawebhooks.inbox.internal.InboxEngine.StoreResult}); applications use the types of {@code
 * io.github.copernicawebhooks.inbox}.
 */
@NullMarked
package io.github.copernicawebhooks.inbox.internal;

import org.jspecify.annotations.NullMarked;
