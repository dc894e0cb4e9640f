/** A plain web application that receives Copernica webhooks through the filter declared in web.xml. */
@NullMarked
package io.github.copernicawebhooks.samples.webxml;

import org.jspecify.annotations.NullMarked;
