package com.example.webhooks;

import java.time.LocalDate;

/** The profile fields this application cares about, bound with {@code Variables.as(Customer.class)}. */
public record Customer(String email, int age, LocalDate birthday) {}
