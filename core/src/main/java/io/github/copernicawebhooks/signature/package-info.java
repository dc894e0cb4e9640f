@NullMarked
package io.github.copernicawebhooks.signature;

import org.jspecify.annotations.NullMarked;
