package dev.adsgraph.accounts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.adsgraph.connections.WorkspaceConnections;
import dev.adsgraph.registrations.RegistrationStore;
import dev.adsgraph.registrations.RegistrationStore.Registration;
import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantRegistry;
import dev.adsgraph.tenancy.WorkspaceStore;
import dev.adsgraph.watch.StatusWatcher;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows again, once the gateway has started, every registration made through it whose
 * last recorded status is not final: a change that happened while the gateway was down is
 * recorded at the first poll, and a client subscribing to it joins the poller (its latest
 * state first, then every change). Each is followed through the subscription's shared
 * poller, so under its bounds: until a final status, an error (the registration is no
 * longer visible with the tenant's credentials), or the maximum duration, after which the
 * next start resumes it again. At most half of a tenant's {@code max-pollers-per-tenant}
 * are resumed, its newest registrations first, so that registrations nobody completes (a
 * terms token never accepted) cannot take the tenant's subscriptions; the others are
 * logged and wait for a subscriber or a later start. Registrations of a tenant no longer
 * configured are left alone.
 */
@Component
class RegistrationWatchResumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RegistrationWatchResumer.class);

	private final RegistrationStore registrations;

	private final TenantRegistry tenants;

	private final WorkspaceStore workspaces;

	private final ApiKeyResolver keys;

	private final WorkspaceConnections connections;

	private final AccountStatusController statuses;

	private final int perTenant;

	private volatile Disposable.Composite following;

	RegistrationWatchResumer(RegistrationStore registrations, TenantRegistry tenants, WorkspaceStore workspaces,
			ApiKeyResolver keys, WorkspaceConnections connections, AccountStatusController statuses,
			StatusWatcher watcher) {
		this.registrations = registrations;
		this.tenants = tenants;
		this.workspaces = workspaces;
		this.keys = keys;
		this.connections = connections;
		this.statuses = statuses;
		this.perTenant = Math.max(1, watcher.maxPollersPerTenant() / 2);
	}

	/**
	 * The registrations to follow of those in progress (oldest first): the newest
	 * {@code perTenant} of each tenant, oldest first.
	 */
	static List<Registration> selected(List<Registration> inProgress, int perTenant) {
		Map<String, Integer> taken = new HashMap<>();
		List<Registration> selected = new ArrayList<>();
		for (int i = inProgress.size() - 1; i >= 0; i--) {
			Registration registration = inProgress.get(i);
			if (taken.merge(registration.tenantId(), 1, Integer::sum) <= perTenant) {
				selected.add(registration);
			}
		}
		Collections.reverse(selected);
		return selected;
	}

	@Override
	public void start() {
		Disposable.Composite following = Disposables.composite();
		this.following = following;
		following.add(this.registrations.inProgress().collectList().onErrorResume((ex) -> {
			log.warn("Could not read the registrations in progress; none is followed until a client subscribes", ex);
			return Mono.empty();
		}).subscribe((inProgress) -> {
			List<Registration> selected = selected(inProgress, this.perTenant);
			if (selected.size() < inProgress.size()) {
				log.warn("{} registrations in progress are not followed after this start (at most {} per tenant,"
						+ " half of adsgraph.subscriptions.max-pollers-per-tenant, newest first); a subscription"
						+ " to one follows it", inProgress.size() - selected.size(), this.perTenant);
			}
			following.add(Flux.fromIterable(selected)
				.concatMap((registration) -> tenant(registration.tenantId()).map((tenant) -> {
					following.add(follow(tenant, registration));
					return 1;
				}).switchIfEmpty(Mono.fromSupplier(() -> {
					log.info("Not following {} {}: its workspace {} is no longer configured or stored",
							registration.kind(), registration.amazonId(), registration.tenantId());
					return 0;
				})).onErrorResume((ex) -> {
					log.warn("Not following {} {} of workspace {}: {}", registration.kind(), registration.amazonId(),
							registration.tenantId(), ex.getMessage());
					return Mono.just(0);
				}))
				.reduce(0, Integer::sum)
				.subscribe((resumed) -> {
					if (resumed > 0) {
						log.info("Following {} registrations still in progress", resumed);
					}
				}));
		}));
	}

	private Disposable follow(Tenant tenant, Registration registration) {
		return this.statuses.follow(tenant, registration.kind(), registration.amazonId()).subscribe((event) -> {
		}, (ex) -> log.info("Stopped following {} {} of tenant {}: {}", registration.kind(), registration.amazonId(),
				tenant.id(), ex.getMessage()));
	}

	/**
	 * The workspace a registration was made in, with the connections it has now: a
	 * configured one, or one created through the admin API; empty when it is neither any
	 * more.
	 */
	private Mono<Tenant> tenant(String id) {
		Optional<Tenant> configured = this.tenants.tenants().stream().filter((t) -> t.id().equals(id)).findFirst();
		Mono<Tenant> workspace = configured.map(Mono::just)
			.orElseGet(() -> this.workspaces.find(id).map((found) -> this.keys.tenantOf(found.id(), found.name())));
		return workspace.flatMap(this.connections::withConnections);
	}

	@Override
	public void stop() {
		Disposable.Composite running = this.following;
		if (running != null) {
			running.dispose();
		}
		this.following = null;
	}

	@Override
	public boolean isRunning() {
		return this.following != null;
	}

}
