package io.github.copernicawebhooks.console;

/**
 * One request header as the console shows it: the signature shortened, credentials hidden.
 *
 * @param name the name, lower case
 * @param value the value, possibly shortened
 */
record Header(String name, String value) {}
