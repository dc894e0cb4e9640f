package com.example.webhooks;

import io.github.copernicawebhooks.WebhookRequest;
import io.github.copernicawebhooks.event.ProfileUpdated;
import io.github.copernicawebhooks.event.WebhookEvent;
import io.github.copernicawebhooks.event.WebhookEvents;
import io.github.copernicawebhooks.spring.CopernicaWebhookHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Binds the fields of every profile update and keeps every event as JSON, as an outbox would. */
@Component
public class ProfileHandlers {

  private final List<Customer> customers = new CopyOnWriteArrayList<>();
  private final List<String> journal = new CopyOnWriteArrayList<>();

  @CopernicaWebhookHandler(database = 12)
  void onUpdate(ProfileUpdated update, WebhookRequest request) {
    customers.add(update.fields().as(Customer.class));
  }

  @CopernicaWebhookHandler
  void onAnyEvent(WebhookEvent event) {
    journal.add(WebhookEvents.toJson(event));
  }

  public List<Customer> customers() {
    return customers;
  }

  public List<String> journal() {
    return journal;
  }
}
