/**
 * Idempotency keys for the mutations that write at Amazon, so a client can retry them
 * safely.
 * <ul>
 * <li>{@link dev.adsgraph.idempotency.IdempotencyExecutor} runs a mutation once per
 * tenant and key: repeats with the same input join the execution in flight or get its
 * stored answer; a key reused with another input or mutation is refused; failures that
 * certainly changed nothing (decided by {@code Failures}) free the key, other failures
 * follow the mutation's {@link dev.adsgraph.idempotency.IfOutcomeUnknown}.</li>
 * <li>{@link dev.adsgraph.idempotency.IdempotencyStore} holds claims and outcomes, in
 * PostgreSQL (table {@code idempotency_key}), so a retry after a restart gets the first
 * answer.</li>
 * </ul>
 * Depends on {@code graphql} (error types) and {@code upstream} (which failures reached
 * Amazon), never on a feature: controllers call it with their payload types.
 */
package dev.adsgraph.idempotency;
