/** A reactive Spring Boot (WebFlux) application that receives Copernica webhooks with annotated handler methods. */
@NullMarked
package io.github.copernicawebhooks.samples.webflux;

import org.jspecify.annotations.NullMarked;
