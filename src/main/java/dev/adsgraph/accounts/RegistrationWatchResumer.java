package dev.adsgraph.accounts;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import dev.adsgraph.registrations.RegistrationStore;
import dev.adsgraph.registrations.RegistrationStore.Registration;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantRegistry;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows again, once the gateway has started, every registration made through it whose
 * last recorded status is not final: a change that happened while the gateway was down is
 * recorded at the first poll, and a client subscribing to it joins the poller (its latest
 * state first, then every change). Each is followed through the subscription's shared
 * poller, so under its bounds: until a final status, an error (the registration is no
 * longer visible with the tenant's credentials), or the maximum duration, after which the
 * next start resumes it again. Pollers refused by the limits are logged and left for the
 * next start. Registrations of a tenant no longer configured are left alone.
 */
@Component
class RegistrationWatchResumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RegistrationWatchResumer.class);

	private final RegistrationStore registrations;

	private final TenantRegistry tenants;

	private final AccountStatusController statuses;

	private volatile Disposable.Composite following;

	RegistrationWatchResumer(RegistrationStore registrations, TenantRegistry tenants,
			AccountStatusController statuses) {
		this.registrations = registrations;
		this.tenants = tenants;
		this.statuses = statuses;
	}

	@Override
	public void start() {
		Disposable.Composite following = Disposables.composite();
		this.following = following;
		following.add(this.registrations.inProgress().collectList().onErrorResume((ex) -> {
			log.warn("Could not read the registrations in progress; none is followed until a client subscribes", ex);
			return Mono.empty();
		}).subscribe((inProgress) -> {
			int resumed = 0;
			for (Registration registration : inProgress) {
				Optional<Tenant> tenant = tenant(registration.tenantId());
				if (tenant.isEmpty()) {
					log.info("Not following {} {}: its tenant {} is no longer configured", registration.kind(),
							registration.amazonId(), registration.tenantId());
					continue;
				}
				following.add(follow(tenant.get(), registration));
				resumed++;
			}
			if (resumed > 0) {
				log.info("Following {} registrations still in progress", resumed);
			}
		}));
	}

	private Disposable follow(Tenant tenant, Registration registration) {
		return this.statuses.follow(tenant, registration.kind(), registration.amazonId()).subscribe((event) -> {
		}, (ex) -> log.info("Stopped following {} {} of tenant {}: {}", registration.kind(), registration.amazonId(),
				tenant.id(), ex.getMessage()));
	}

	private Optional<Tenant> tenant(String id) {
		return this.tenants.tenants().stream().filter((t) -> t.id().equals(id)).findFirst();
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
