package io.github.copernicawebhooks.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A list of IP addresses and CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}). Only
 * literals: a host name would make the console depend on DNS, which an attacker may answer.
 */
final class AddressRanges {

  static final AddressRanges NONE = new AddressRanges(List.of());

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<Range> ranges;

  private AddressRanges(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /**
   * Parses each entry; a blank list is {@link #NONE}.
   *
   * @throws IllegalArgumentException naming the first entry that is not an address or range
   */
  static AddressRanges parse(String setting, Iterable<String> entries) {
    List<Range> ranges = new ArrayList<>();
    for (String entry : entries) {
      if (entry.isBlank()) {
        continue;
      }
      ranges.add(range(entry.trim()).orElseThrow(() -> new IllegalArgumentException(
          setting + ": '" + entry.trim() + "' is not an IP address or a range such as 10.0.0.0/8 or fd00::/8")));
    }
    return new AddressRanges(ranges);
  }

  boolean isEmpty() {
    return ranges.isEmpty();
  }

  /** Whether the address (as a servlet container writes it) is in one of the ranges; a name never is. */
  boolean contains(String address) {
    Optional<byte[]> bytes = literal(address);
    return bytes.isPresent() && ranges.stream().anyMatch(range -> range.contains(bytes.get()));
  }

  private static Optional<Range> range(String entry) {
    int slash = entry.indexOf('/');
    Optional<byte[]> address = literal(slash < 0 ? entry : entry.substring(0, slash));
    if (address.isEmpty()) {
      return Optional.empty();
    }
    int bits = address.get().length * 8;
    if (slash < 0) {
      return Optional.of(new Range(address.get(), bits));
    }
    String prefix = entry.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)
        || Integer.parseInt(prefix) > bits) {
      return Optional.empty();
    }
    return Optional.of(new Range(address.get(), Integer.parseInt(prefix)));
  }

  /** The bytes of an IPv4 or IPv6 literal, brackets and zone ignored; never a DNS lookup. */
  static Optional<byte[]> literal(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("[") && value.endsWith("]")) {
      value = value.substring(1, value.length() - 1);
    }
    int zone = value.indexOf('%');
    if (zone >= 0) {
      value = value.substring(0, zone);
    }
    boolean ipv4 = IPV4.matcher(value).matches()
        && java.util.Arrays.stream(value.split("\\.")).allMatch(part -> Integer.parseInt(part) <= 255);
    boolean ipv6 = value.indexOf(':') >= 0 && value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
    if (!ipv4 && !ipv6) {
      return Optional.empty();
    }
    try {
      // A literal of these characters is parsed, not looked up.
      return Optional.of(InetAddress.getByName(value).getAddress());
    } catch (UnknownHostException notAnAddress) {
      return Optional.empty();
    }
  }

  /** One address and the number of leading bits that must match. */
  private record Range(byte[] address, int bits) {

    boolean contains(byte[] candidate) {
      if (candidate.length != address.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((candidate[bit / 8] & mask) != (address[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
