/** A Spring Boot application that receives Copernica webhooks with annotated handler methods. */
@NullMarked
package io.github.copernicawebhooks.samples.spring;

import org.jspecify.annotations.NullMarked;
