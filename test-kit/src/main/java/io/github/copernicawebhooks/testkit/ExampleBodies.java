package io.github.copernicawebhooks.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Realistic form-encoded bodies, one per event type, as Copernica sends them. */
final class ExampleBodies {

  private static final String WHEN = "&timestamp=2026-11-28+10%3A15%3A00&time=1795857300";
  private static final String MAIL = "&recipient=jan%40example.nl&profile=4711&mailing=3051";
  private static final String TAGS = "&tags=nieuwsbrief%2Cnovember";
  private static final String STAMPS = "&created=2024-01-02+03%3A04%3A05&modified=2026-11-28+10%3A15%3A00";

  static final Map<String, String> ALL = build();

  private ExampleBodies() {}

  private static Map<String, String> build() {
    Map<String, String> bodies = new LinkedHashMap<>();
    bodies.put("ProfileCreated", "type=create&profile=4711&id=4711&database=12" + WHEN
        + "&parameters%5Bemail%5D=jan%40example.nl&fields%5Bfirstname%5D=Jan&fields%5Bemail%5D=jan%40example.nl"
        + "&interests%5B%5D=sport" + STAMPS);
    bodies.put("ProfileUpdated", "type=update&profile=4711&id=4711&database=12" + WHEN
        + "&parameters%5Bcity%5D=%27s-Hertogenbosch&fields%5Bfirstname%5D=Jan&fields%5Bemail%5D=jan%40example.nl"
        + "&fields%5Bcity%5D=%27s-Hertogenbosch&interests%5B%5D=sport&interests%5B%5D=muziek" + STAMPS);
    bodies.put("ProfileDeleted", "type=delete&profile=4711&database=12" + WHEN
        + "&fields%5Bemail%5D=jan%40example.nl");
    bodies.put("SubprofileCreated", "type=create&subprofile=900&id=900&profile=4711&database=12&collection=3" + WHEN
        + "&parameters%5Border%5D=A-1001&fields%5Border%5D=A-1001&fields%5Btotal%5D=42.50" + STAMPS);
    bodies.put("SubprofileUpdated", "type=update&subprofile=900&id=900&profile=4711&database=12&collection=3" + WHEN
        + "&parameters%5Bstatus%5D=shipped&fields%5Border%5D=A-1001&fields%5Bstatus%5D=shipped" + STAMPS);
    bodies.put("SubprofileDeleted", "type=delete&subprofile=900&profile=4711&database=12&collection=3" + WHEN);
    bodies.put("EmailClicked", "type=click&id=msg-7f3a" + WHEN + MAIL
        + "&ip=192.0.2.10&original=https%3A%2F%2Fshop.example.nl%2Fsale%3Futm_source%3Dnieuwsbrief"
        + "&useragent=Mozilla%2F5.0&referer=" + TAGS);
    bodies.put("EmailOpened", "type=open&id=msg-7f3a" + WHEN + MAIL + "&ip=192.0.2.10&useragent=Mozilla%2F5.0" + TAGS);
    bodies.put("EmailDelivered", "type=delivery&id=msg-7f3a" + WHEN + MAIL + TAGS);
    bodies.put("EmailFailed", "type=failure&id=msg-7f3b" + WHEN + "&recipient=piet%40example.invalid&action=failed"
        + "&state=rcpt&code=550&extended=5.1.1&description=No+such+user" + TAGS);
    bodies.put("EmailBounced", "type=bounce&id=msg-7f3b" + WHEN + "&recipient=piet%40example.invalid"
        + "&envelope=bounce-msg-7f3b%40copernica.example&mime=From%3A+MAILER-DAEMON%0D%0ASubject%3A+Undeliverable%0D%0A%0D%0A"
        + "Delivery+failed." + TAGS);
    bodies.put("Unsubscribed", "type=unsubscribe&id=msg-7f3a" + WHEN + "&database=12&profile=4711&mailing=3051");
    bodies.put("ComplaintReceived", "type=complaint&id=msg-7f3a" + WHEN + MAIL);
    bodies.put("UnknownEvent", "type=survey&id=msg-7f3a&profile=4711&database=12&answers%5Bq1%5D=yes" + WHEN);
    return Collections.unmodifiableMap(bodies);
  }
}
