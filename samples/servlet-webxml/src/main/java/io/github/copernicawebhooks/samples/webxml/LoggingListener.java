package io.github.copernicawebhooks.samples.webxml;

import io.github.copernicawebhooks.WebhookListener;
import io.github.copernicawebhooks.event.EmailEvent;
import io.github.copernicawebhooks.event.ProfileEvent;
import io.github.copernicawebhooks.event.SubprofileEvent;
import io.github.copernicawebhooks.event.WebhookEvent;
import java.lang.System.Logger.Level;

/** The sample's handler: logs every event in one readable line. Named in web.xml. */
public final class LoggingListener implements WebhookListener {

  private static final System.Logger LOG = System.getLogger(LoggingListener.class.getName());

  @Override
  public void onEvent(WebhookEvent event) {
    LOG.log(Level.INFO, describe(event));
  }

  static String describe(WebhookEvent event) {
    String kind = event.getClass().getSimpleName();
    if (event instanceof SubprofileEvent subprofile) {
      return kind + ": subprofile " + subprofile.subprofileId() + " of profile " + subprofile.profileId()
          + ", fields " + subprofile.fields().asMap() + ", at " + event.instant();
    }
    if (event instanceof ProfileEvent profile) {
      return kind + ": profile " + profile.profileId() + ", fields " + profile.fields().asMap()
          + ", at " + event.instant();
    }
    if (event instanceof EmailEvent email) {
      return kind + ": message " + email.messageId() + email.recipient().map(to -> " to " + to).orElse("")
          + ", tags " + email.tags() + ", at " + event.instant();
    }
    return kind + ": type '" + event.type() + "' with " + event.raw().size() + " variables, at " + event.instant();
  }
}
