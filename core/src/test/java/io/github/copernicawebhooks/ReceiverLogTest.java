package io.github.copernicawebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReceiverLogTest {

  @Test
  void describesProfileEventByTypeAndIds() {
    assertThat(ReceiverLog.describe(Events.profileUpdate(12))).isEqualTo("ProfileUpdated profile=12 database=1");
  }

  @Test
  void describesSubprofileEventByTypeAndIds() {
    assertThat(ReceiverLog.describe(Events.subprofileUpdate(7)))
        .isEqualTo("SubprofileUpdated subprofile=7 profile=3 collection=2 database=1");
  }

  @Test
  void keepsTheTypeOfAnUnknownEventOnOneShortLine() {
    String description = ReceiverLog.describe(Events.unknown("evil%0Aline" + "x".repeat(100)));

    assertThat(description).startsWith("UnknownEvent type=evil?line").doesNotContain("\n").hasSizeLessThan(100);
  }
}
