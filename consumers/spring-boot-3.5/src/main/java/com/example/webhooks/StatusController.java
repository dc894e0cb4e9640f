package com.example.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A JSON endpoint written by Boot 3.5's own Jackson 2, to show it still works with the newer annotations. */
@RestController
public class StatusController {

  /** What {@code /status} answers. */
  public record Status(@JsonProperty("customers_seen") int customersSeen) {}

  private final ProfileHandlers handlers;

  public StatusController(ProfileHandlers handlers) {
    this.handlers = handlers;
  }

  @GetMapping("/status")
  public Status status() {
    return new Status(handlers.customers().size());
  }
}
