@NullMarked
package io.github.copernicawebhooks.internal;

import org.jspecify.annotations.NullMarked;
