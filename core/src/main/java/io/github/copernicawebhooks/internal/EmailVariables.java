package io.github.copernicawebhooks.internal;

/**
 * The positions of the variables an email event reads, found in one pass over the body; -1 when not
 * sent. A name sent twice counts at its last position, as PHP reads it.
 */
final class EmailVariables {

  int id = -1;
  int recipient = -1;
  int timestamp = -1;
  int time = -1;
  int profile = -1;
  int mailing = -1;
  int database = -1;
  int ip = -1;
  int original = -1;
  int userAgent = -1;
  int referer = -1;
  int action = -1;
  int state = -1;
  int code = -1;
  int extended = -1;
  int description = -1;
  int envelope = -1;
  int mime = -1;
  int emailFrom = -1;
  /** The number of {@code tags} variables, the text and the list forms together. */
  int tags;

  EmailVariables(DecodedBody body) {
    for (int i = 0; i < body.size(); i++) {
      if (Tags.isTag(body, i)) {
        tags++;
      } else if (body.depth(i) == 0) {
        note(body.name(i), i);
      }
    }
  }

  private void note(String name, int index) {
    switch (name) {
      case "id": id = index; break;
      case "recipient": recipient = index; break;
      case "timestamp": timestamp = index; break;
      case "time": time = index; break;
      case "profile": profile = index; break;
      case "mailing": mailing = index; break;
      case "database": database = index; break;
      case "ip": ip = index; break;
      case "original": original = index; break;
      case "useragent": userAgent = index; break;
      case "referer": referer = index; break;
      case "action": action = index; break;
      case "state": state = index; break;
      case "code": code = index; break;
      case "extended": extended = index; break;
      case "description": description = index; break;
      case "envelope": envelope = index; break;
      case "mime": mime = index; break;
      case "emailfrom": emailFrom = index; break;
      default: break;
    }
  }
}
