package dev.adsgraph.redis;

import java.time.Clock;

import reactor.core.publisher.Mono;

import dev.adsgraph.buckets.InMemoryProxyManager;
import dev.adsgraph.tenancy.RequestRate;
import dev.adsgraph.web.InMemoryRequestBucketStore;
import dev.adsgraph.web.RequestBucketStore;

/**
 * The per-API-key request buckets of a replica in Redis mode: the shared bucket in Redis
 * while Redis answers, and while it does not a local bucket per key holding this
 * replica's share of the key's budget: the rate divided by the number of replicas last
 * counted, and as many requests of the burst, at least one. A share bucket starts full:
 * these budgets protect the gateway, not Amazon, and a share starting empty would refuse
 * a key's first request for no reason the caller could act on. Back to Redis, the shared
 * buckets are used again as they are (a bucket missing there starts full, as after
 * expiry); nothing is carried over.
 */
final class SharedOrLocalRequestBucketStore implements RequestBucketStore {

	private final RequestBucketStore shared;

	private final RedisStatus status;

	private final Clock clock;

	private volatile Local local;

	SharedOrLocalRequestBucketStore(RequestBucketStore shared, RedisStatus status, Clock clock) {
		this.shared = shared;
		this.status = status;
		this.clock = clock;
	}

	@Override
	public Mono<Admission> take(String tenantId, RequestRate rate) {
		if (this.status.shared()) {
			return this.shared.take(tenantId, rate).onErrorResume((ex) -> {
				this.status.failed(ex);
				return takeLocally(tenantId, rate);
			});
		}
		return takeLocally(tenantId, rate);
	}

	private Mono<Admission> takeLocally(String tenantId, RequestRate rate) {
		return Mono.defer(() -> {
			this.status.fellBack();
			Local current = local();
			return current.store.take(tenantId, new RequestRate(rate.requestsPerSecond() / current.replicas,
					Math.max(1, rate.burst() / current.replicas)));
		});
	}

	private Local local() {
		long outage = this.status.outage();
		Local current = this.local;
		if (current == null || current.outage != outage) {
			synchronized (this) {
				current = this.local;
				if (current == null || current.outage != outage) {
					current = new Local(outage, Math.max(1, this.status.replicas()),
							new InMemoryRequestBucketStore(new InMemoryProxyManager<>(this.clock)));
					this.local = current;
				}
			}
		}
		return current;
	}

	private record Local(long outage, int replicas, InMemoryRequestBucketStore store) {
	}

}
