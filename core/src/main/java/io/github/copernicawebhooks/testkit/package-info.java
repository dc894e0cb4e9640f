@NullMarked
package io.github.copernicawebhooks.testkit;

import org.jspecify.annotations.NullMarked;
