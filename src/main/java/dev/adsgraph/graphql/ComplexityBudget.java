package dev.adsgraph.graphql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How much query complexity may be executing at once: each operation takes its complexity
 * (at least 1, at most the whole budget) when it starts and gives it back when its result
 * is complete; an operation that does not fit waits, first come first served, without a
 * thread. Memory follows it: what an operation holds while it runs (its partial result,
 * graphql-java's state for each field) grows with the fields it asks for, which is what
 * the complexity counts. A small operation (at most a hundredth of the budget) that fits
 * does not queue behind a large one waiting for room: a status poll is not held up by a
 * burst of product pages, and the small ones in flight at once could only keep a large
 * one waiting if they filled nearly the whole budget between them.
 */
final class ComplexityBudget {

	private static final CompletableFuture<Void> GRANTED = CompletableFuture.completedFuture(null);

	private final long capacity;

	private final long small;

	private long inUse;

	private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

	private record Waiter(long weight, CompletableFuture<Void> granted) {
	}

	ComplexityBudget(long capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be positive, was " + capacity);
		}
		this.capacity = capacity;
		this.small = capacity / 100;
	}

	/** What an operation of this complexity takes from the budget. */
	long weight(long complexity) {
		return Math.min(Math.max(complexity, 1), this.capacity);
	}

	/**
	 * Completes once {@code weight} (from {@link #weight}) is taken; at once when it fits
	 * and nobody waits, or when it fits and is small.
	 */
	CompletableFuture<Void> acquire(long weight) {
		synchronized (this) {
			if (this.inUse + weight <= this.capacity && (this.waiting.isEmpty() || weight <= this.small)) {
				this.inUse += weight;
				return GRANTED;
			}
			Waiter waiter = new Waiter(weight, new CompletableFuture<>());
			this.waiting.add(waiter);
			return waiter.granted();
		}
	}

	/** Gives back what {@link #acquire} took, and lets in whoever now fits. */
	void release(long weight) {
		List<Waiter> admitted = new ArrayList<>(2);
		synchronized (this) {
			this.inUse -= weight;
			while (!this.waiting.isEmpty() && this.inUse + this.waiting.peek().weight() <= this.capacity) {
				Waiter next = this.waiting.poll();
				this.inUse += next.weight();
				admitted.add(next);
			}
		}
		admitted.forEach((waiter) -> waiter.granted().complete(null));
	}

	synchronized long inUse() {
		return this.inUse;
	}

	synchronized int waiting() {
		return this.waiting.size();
	}

}
