package io.github.copernicawebhooks.jackson;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The type property of every event, named {@code "event"}, with the event's simple class name. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "event")
interface WebhookEventMixin {}
