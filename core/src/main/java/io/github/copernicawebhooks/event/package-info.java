@NullMarked
package io.github.copernicawebhooks.event;

import org.jspecify.annotations.NullMarked;
