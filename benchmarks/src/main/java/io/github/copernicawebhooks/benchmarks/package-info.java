/**
 * JMH and load benchmarks for the project. Never shipped, and not run by {@code mvn verify} beyond
 * compiling and packaging them into {@code benchmarks/target/benchmarks.jar}.
 *
 * <pre>{@code
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ParseBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * }</pre>
 */
@NullMarked
package io.github.copernicawebhooks.benchmarks;

import org.jspecify.annotations.NullMarked;
