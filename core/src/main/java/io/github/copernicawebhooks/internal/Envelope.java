package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;

/** Variables shared by all events, found in one pass over the body. */
final class Envelope {
  private final DecodedBody body;
  int type = -1;
  int action = -1;
  int profile = -1;
  int subprofile = -1;
  int database = -1;
  int collection = -1;
  int timestamp = -1;
  int time = -1;
  int created = -1;
  int modified = -1;
  int fieldCount;
  int parameterCount;
  int interestCount;

  Envelope(DecodedBody body) {
    this.body = body;
    for (int i = 0; i < body.size(); i++) {
      byte group = body.group(i);
      if (group == DecodedBody.FIELDS) {
        fieldCount += body.depth(i) == 1 ? 1 : 0;
      } else if (group == DecodedBody.PARAMETERS) {
        parameterCount += body.depth(i) == 1 ? 1 : 0;
      } else if (group == DecodedBody.INTERESTS) {
        interestCount++;
      } else if (body.depth(i) == 0) {
        note(body.name(i), i);
      }
    }
  }

  private void note(String name, int index) {
    switch (name) {
      case "type": type = index; break;
      case "action": action = index; break;
      case "profile": profile = index; break;
      case "subprofile": subprofile = index; break;
      case "database": database = index; break;
      case "collection": collection = index; break;
      case "timestamp": timestamp = index; break;
      case "time": time = index; break;
      case "created": created = index; break;
      case "modified": modified = index; break;
      default: break;
    }
  }

  String type() {
    int index = type >= 0 ? type : action;
    if (index < 0) {
      throw EventBinder.missing("type");
    }
    String value = body.value(index);
    if (value.isEmpty()) {
      throw Values.invalid(body.name(index), value, "is empty");
    }
    return value;
  }

  void requireAgreeingAction(String type) {
    if (this.type >= 0 && action >= 0 && !body.value(action).equalsIgnoreCase(type)) {
      throw new WebhookException(Reason.INVALID_VARIABLE, "variables 'type' ('" + Texts.shorten(type)
          + "') and 'action' ('" + Texts.shorten(body.value(action)) + "') disagree");
    }
  }

  boolean isSubprofileEvent() {
    return subprofile >= 0 || collection >= 0;
  }
}
