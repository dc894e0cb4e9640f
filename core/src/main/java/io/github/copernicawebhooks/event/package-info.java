/**
 * The typed events of Copernica webhooks: a sealed hierarchy of immutable records.
 *
 * <pre>{@code
 * WebhookEvent event = WebhookParser.create().parse(body);
 * if (event instanceof ProfileUpdated update) {
 *   String email = update.fields().get("email").orElse("");
 *   List<String> interests = update.interests();
 * } else if (event instanceof SubprofileEvent subprofile) {
 *   long id = subprofile.subprofileId();
 * } else if (event instanceof EmailClicked click) {
 *   String url = click.url().orElse("");
 *   List<String> tags = click.tags();
 * } else if (event instanceof UnknownEvent unknown) {
 *   List<String> answers = unknown.raw().getOrDefault("answers[]", List.of());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link ProfileEvent}: {@link ProfileCreated}, {@link ProfileUpdated}, {@link ProfileDeleted};
 *       {@link SubprofileEvent} (a body with {@code subprofile} or {@code collection}):
 *       {@link SubprofileCreated}, {@link SubprofileUpdated}, {@link SubprofileDeleted};
 *       {@link EmailEvent}: {@link EmailClicked} ({@code click}), {@link EmailOpened} ({@code open}),
 *       {@link EmailDelivered} ({@code delivery}), {@link EmailFailed} ({@code failure}), {@link EmailBounced}
 *       ({@code bounce}), {@link Unsubscribed} ({@code unsubscribe}) and {@link ComplaintReceived}
 *       ({@code complaint} or {@code abuse}); and {@link UnknownEvent} for any other type.
 *   <li>{@code type} names the event; without {@code type}, {@code action} does. For the profile types
 *       both may be sent and must agree. For the email types {@code action} is data: a failure's own
 *       action ({@code failed}, {@code delayed}, ...) is {@link EmailFailed#action()}; {@code action=failure}
 *       or {@code action=failed} without {@code type} is a failure.
 *   <li>An email event needs {@code id} (its {@link EmailEvent#messageId()}); every other value is optional,
 *       and an empty one counts as absent. Without {@code timestamp} and {@code time} (an abuse report) the
 *       parser's clock dates it.
 *   <li>Values Copernica may leave out are empty {@code Optional}s, never 0 or "". An empty optional id,
 *       {@code created} or {@code modified} (or MySQL's {@code 0000-00-00 00:00:00}) counts as absent.
 *   <li>{@code fields()} and {@code parameters()} hold the one-level variables ({@code fields[email]});
 *       deeper ones ({@code fields[a][b]}) stay in {@code raw()} only.
 *   <li>{@code interests()}: the names from {@code interests[]=x}, {@code interests[0]=x},
 *       {@code interests[group][]=x} and the map form {@code interests[x]=1} ({@code 0} or empty: not an
 *       interest), in order, each once. A bracket that is empty or all digits is a list index.
 *   <li>{@code tags()}: Copernica sends the tags as text; {@code tags=a,b}, {@code tags[]=a} and
 *       {@code tags[0]=a} all count, each value split on commas, trimmed, empty ones dropped, each tag once,
 *       in order. The text as sent stays in {@code raw()}.
 *   <li>{@code raw()}: every variable as received, in order, by full name, values in order.
 *   <li>{@link WebhookEvents} writes events as JSON and reads them back.
 * </ul>
 */
@NullMarked
package io.github.copernicawebhooks.event;

import org.jspecify.annotations.NullMarked;
