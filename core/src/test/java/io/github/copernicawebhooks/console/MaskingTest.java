package io.github.copernicawebhooks.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link Masking} shows of each variable Copernica sends, and how it masks the messages that quote them. */
class MaskingTest {

  /** Every variable of every event on Copernica's pages that is an id, a type, a date, a tag or a code. */
  private static final List<String> SHOWN = List.of("type", "action", "id", "profile", "subprofile", "database",
      "collection", "mailing", "timestamp", "time", "created", "modified", "tags", "tags[]", "tags[0]", "state",
      "code", "extended");

  /** Every other variable on those pages, and one they do not list yet. */
  private static final List<String> MASKED = List.of("fields[email]", "fields[state]", "parameters[name]",
      "interests[]", "interests[0]", "interests[blue]", "interests[group][]", "recipient", "ip", "original",
      "useragent", "referer", "description", "envelope", "mime", "from", "added-next-year");

  @Test
  void showsOnlyIdsTypesDatesTagsAndCodesAndMasksEveryOtherVariable() {
    Masking masking = Masking.forCall(true);

    for (String name : SHOWN) {
      assertThat(masking.variable(name, "value-7")).as(name).isEqualTo("value-7");
    }
    for (String name : MASKED) {
      assertThat(masking.variable(name, "value-7")).as(name).isEqualTo(Masking.MASK);
    }
  }

  @Test
  void masksAShownVariableThatHoldsAnAddressAndKeepsAnEmptyValueEmpty() {
    Masking masking = Masking.forCall(true);

    assertThat(masking.variable("profile", "jane@example.com")).isEqualTo(Masking.MASK);
    assertThat(masking.variable("fields[city]", "")).isEmpty();
  }

  @Test
  void aShortValueIsMaskedInAMessageOnlyAsAWholeWordAndNotInHeaders() {
    Masking masking = Masking.forCall(true);
    masking.variable("fields[city]", "Ede");
    masking.variable("fields[size]", "L");
    masking.sawEveryValue();

    assertThat(masking.handlerError("java.lang.IllegalStateException: no shop in Ede near Edenburg, size L"))
        .isEqualTo("java.lang.IllegalStateException: no shop in *** near Edenburg, size ***");
    assertThat(masking.text("HTTP/1.1 L Ede")).isEqualTo("HTTP/1.1 L Ede");
  }

  @Test
  void quotedTextIsMaskedUnlessItIsTheNameOfAVariable() {
    Masking masking = Masking.forCall(true);
    masking.variable("fields[age]", "12");

    assertThat(masking.message("variable 'profile' is not a number: 'Jo Doe'"))
        .isEqualTo("variable 'profile' is not a number: '***'");
    assertThat(masking.message("from String \"xl\" (through reference chain: Customer[\"age\"])"))
        .isEqualTo("from String \"***\" (through reference chain: Customer[\"age\"])");
    assertThat(masking.message("can't store O'Brien's order")).isEqualTo("can't store O'Brien's order");
  }

  @Test
  void aStackTraceKeepsItsFramesAndWithoutEveryValueOnlyItsExceptionClasses() {
    String trace = "java.lang.IllegalStateException: unknown city Hilversum\n"
        + "\tat com.example.Shop.deliver(Shop.java:12)\n"
        + "Caused by: java.io.IOException: lookup of Hilversum\nfailed twice\n"
        + "\t... 3 more";

    assertThat(Masking.forCall(true).handlerError(trace)).isEqualTo("java.lang.IllegalStateException: ***\n"
        + "\tat com.example.Shop.deliver(Shop.java:12)\n"
        + "Caused by: java.io.IOException: ***\n***\n"
        + "\t... 3 more");
    assertThat(Masking.forCall(false).handlerError(trace)).isEqualTo(trace);
  }
}
