package dev.adsgraph.idempotency;

import java.time.Instant;
import java.util.Objects;

import reactor.core.publisher.Mono;

/**
 * Who holds an idempotency key and what came of it. In PostgreSQL by default
 * ({@link PostgresIdempotencyStore}), so keys survive a restart and replicas on one
 * database share them; another implementation declared as a bean replaces it.
 * <p>
 * Every operation is atomic per key. A claim is fenced by the token its owner chose, so
 * an owner whose claim lapsed cannot settle a key that someone else claimed since. A
 * claim that is never settled lapses after the in-flight bound the store was built with,
 * so a replica that vanished mid-call frees its keys. Finished entries are kept for the
 * retention period, counted from when they finished.
 * <p>
 * Payloads pass through with their type, so an implementation outside this JVM stores
 * them serialized (JSON through Jackson, read back as {@code payloadType}).
 */
public interface IdempotencyStore {

	/**
	 * Takes the key for {@code request} under {@code token} when nobody holds it (or the
	 * holder's claim lapsed), otherwise tells what holds it: an execution still in
	 * flight, or a finished one. The request held is returned as it was first claimed, so
	 * the caller can tell a repeat from a reuse.
	 */
	<T> Mono<Claim<T>> claim(Key key, Request request, String token, Class<T> payloadType);

	/**
	 * Records the outcome of the execution that claimed the key under {@code token};
	 * answers false, recording nothing, when that claim is no longer the one held.
	 */
	<T> Mono<Boolean> complete(Key key, String token, Outcome<T> outcome, Class<T> payloadType);

	/**
	 * Forgets the key if {@code token} still holds it, so the next claim executes again.
	 */
	Mono<Void> release(Key key, String token);

	/** An idempotency key within its tenant: keys of different tenants never meet. */
	record Key(String tenantId, String key) {

		public Key {
			Objects.requireNonNull(tenantId, "tenantId");
			Objects.requireNonNull(key, "key");
		}

	}

	/** What a key was used for: the mutation and a digest of its input. */
	record Request(String mutation, String fingerprint) {

		public Request {
			Objects.requireNonNull(mutation, "mutation");
			Objects.requireNonNull(fingerprint, "fingerprint");
		}

	}

	/** What {@link #claim} found. */
	sealed interface Claim<T> {

		/**
		 * The key is the caller's: it executes the mutation and then completes or
		 * releases the key.
		 */
		record Acquired<T>() implements Claim<T> {
		}

		/** Another execution holds the key since {@code since}, under {@code token}. */
		record InFlight<T>(Request request, Instant since, String token) implements Claim<T> {
		}

		/**
		 * An execution claimed the key at {@code since} and finished with
		 * {@code outcome}.
		 */
		record Finished<T>(Request request, Instant since, Outcome<T> outcome) implements Claim<T> {
		}

	}

	/** How a finished execution ended, as far as it is stored. */
	sealed interface Outcome<T> {

		/**
		 * The mutation answered this payload (user errors included): it is the answer to
		 * every repeat.
		 */
		record Answered<T>(T payload) implements Outcome<T> {
		}

		/**
		 * The execution ended without a definitive answer, so it may or may not have been
		 * carried out; {@code reason} is a phrase for the caller, such as "Amazon did not
		 * answer".
		 */
		record Unknown<T>(String reason) implements Outcome<T> {
		}

	}

}
