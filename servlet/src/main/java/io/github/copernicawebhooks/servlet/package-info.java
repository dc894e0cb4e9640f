@NullMarked
package io.github.copernicawebhooks.servlet;

import org.jspecify.annotations.NullMarked;
