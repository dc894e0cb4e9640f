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
 * } else if (event instanceof UnknownEvent unknown) {
 *   List<String> tags = unknown.raw().getOrDefault("tags[]", List.of());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link ProfileEvent}: {@link ProfileCreated}, {@link ProfileUpdated}, {@link ProfileDeleted};
 *       {@link SubprofileEvent} (a body with {@code subprofile} or {@code collection}):
 *       {@link SubprofileCreated}, {@link SubprofileUpdated}, {@link SubprofileDeleted}; and
 *       {@link UnknownEvent} for any other type, such as the email events.
 *   <li>Values Copernica may leave out are empty {@code Optional}s, never 0 or "". An empty optional id,
 *       {@code created} or {@code modified} (or MySQL's {@code 0000-00-00 00:00:00}) counts as absent.
 *   <li>{@code fields()} and {@code parameters()} hold the one-level variables ({@code fields[email]});
 *       deeper ones ({@code fields[a][b]}) stay in {@code raw()} only.
 *   <li>{@code interests()}: the names from {@code interests[]=x}, {@code interests[0]=x},
 *       {@code interests[group][]=x} and the map form {@code interests[x]=1} ({@code 0} or empty: not an
 *       interest), in order, each once. A bracket that is empty or all digits is a list index.
 *   <li>{@code raw()}: every variable as received, in order, by full name, values in order.
 *   <li>{@link WebhookEvents} writes events as JSON and reads them back.
 * </ul>
 */
@NullMarked
package io.github.copernicawebhooks.event;

import org.jspecify.annotations.NullMarked;
