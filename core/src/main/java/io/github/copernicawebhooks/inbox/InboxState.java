package io.github.copernicawebhooks.inbox;

/**
 * Whether the inbox's database takes calls right now, and what its local spool holds: for health checks
 * and the console.
 *
 * @param schemaChecked whether the tables were checked since the start; {@code false} while an instance
 *     that started during an outage still waits for its database
 * @param databaseReachable whether calls go to the database; {@code false} before the schema check and
 *     while the circuit breaker keeps calls off a database that is down
 * @param spoolEnabled whether calls that the database cannot take in time are spooled to local disk
 * @param spoolPending spooled calls not yet moved into the table
 * @param spoolBytes the size of the spool file
 * @param spoolQuotaBytes the most the spool file may hold; past it calls are answered 503
 * @param spooled calls spooled since the start
 * @param drained spooled calls moved into the table since the start (stored, or found to be a duplicate or
 *     a replay there)
 * @param refused calls answered 503 since the start because the spool was full or could not be written
 * @param tornBytes bytes of a torn last record (a process killed while appending it) cut off at the start
 */
public record InboxState(
    boolean schemaChecked,
    boolean databaseReachable,
    boolean spoolEnabled,
    long spoolPending,
    long spoolBytes,
    long spoolQuotaBytes,
    long spooled,
    long drained,
    long refused,
    long tornBytes) {

  /** Whether the schema is checked and the database takes calls: what a health check reports as up. */
  public boolean isUp() {
    return schemaChecked && databaseReachable;
  }
}
