package io.github.copernicawebhooks.internal;

import io.github.copernicawebhooks.WebhookException;
import io.github.copernicawebhooks.WebhookException.Reason;

/** Variables shared by all events, found in one pass over the body. */
final class Envelope {
  private static final byte TYPE = 0;
  private static final byte ACTION = 1;
  private static final byte PROFILE = 2;
  private static final byte SUBPROFILE = 3;
  private static final byte DATABASE = 4;
  private static final byte COLLECTION = 5;
  private static final byte TIMESTAMP = 6;
  private static final byte TIME = 7;
  private static final byte CREATED = 8;
  private static final byte MODIFIED = 9;

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
  /** The index of the first {@code fields[...]}, {@code parameters[...]} and {@code interests} variable. */
  int firstField;
  int firstParameter;
  int firstInterest;

  Envelope(DecodedBody body) {
    this.body = body;
    for (int i = 0; i < body.size(); i++) {
      byte group = body.group(i);
      if (group == DecodedBody.FIELDS) {
        if (body.depth(i) == 1 && fieldCount++ == 0) {
          firstField = i;
        }
      } else if (group == DecodedBody.PARAMETERS) {
        if (body.depth(i) == 1 && parameterCount++ == 0) {
          firstParameter = i;
        }
      } else if (group == DecodedBody.INTERESTS) {
        if (interestCount++ == 0) {
          firstInterest = i;
        }
      } else {
        note(body.envelopeSlot(i), i);
      }
    }
  }

  /**
   * The slot of an envelope variable's name ({@code type}, {@code profile}, ...), or -1 for any other name.
   * Each name is looked up once, when it is decoded (and cached), not on every call.
   */
  static byte slotOf(String name) {
    switch (name) {
      case "type": return TYPE;
      case "action": return ACTION;
      case "profile": return PROFILE;
      case "subprofile": return SUBPROFILE;
      case "database": return DATABASE;
      case "collection": return COLLECTION;
      case "timestamp": return TIMESTAMP;
      case "time": return TIME;
      case "created": return CREATED;
      case "modified": return MODIFIED;
      default: return -1;
    }
  }

  private void note(byte slot, int index) {
    switch (slot) {
      case TYPE: type = index; break;
      case ACTION: action = index; break;
      case PROFILE: profile = index; break;
      case SUBPROFILE: subprofile = index; break;
      case DATABASE: database = index; break;
      case COLLECTION: collection = index; break;
      case TIMESTAMP: timestamp = index; break;
      case TIME: time = index; break;
      case CREATED: created = index; break;
      case MODIFIED: modified = index; break;
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
