package dev.adsgraph.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.adsgraph.alerts.AlertViews.AlertCheck;
import dev.adsgraph.alerts.AlertViews.AlertEvent;
import dev.adsgraph.alerts.AlertViews.AlertSettingsPayload;
import dev.adsgraph.alerts.AlertViews.UserError;
import dev.adsgraph.graphql.SubscriptionErrors;
import dev.adsgraph.profiles.ProfileView;
import dev.adsgraph.tenancy.Tenant;
import dev.adsgraph.tenancy.TenantContextInterceptor;
import dev.adsgraph.watch.StatusWatcher;
import dev.adsgraph.watch.WatchKey;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

@Controller
class AlertController {

	private final AlertService alerts;

	private final AlertSettingsStore settings;

	private final StatusWatcher watcher;

	private final AlertsProperties properties;

	private final java.time.Clock clock;

	AlertController(AlertService alerts, AlertSettingsStore settings, StatusWatcher watcher,
			AlertsProperties properties, java.time.Clock clock) {
		this.alerts = alerts;
		this.settings = settings;
		this.watcher = watcher;
		this.properties = properties;
		this.clock = clock;
	}

	@QueryMapping
	Mono<AlertCheck> alerts(@Argument String profileId, @ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return Mono.defer(() -> this.alerts.profile(tenant, profileId))
			.flatMap((profile) -> this.alerts.check(tenant, profile));
	}

	@QueryMapping
	Mono<AlertSettings> alertSettings(@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		return this.settings.get(tenant.id());
	}

	/** Every value checked before anything is saved: one bad value saves nothing. */
	@MutationMapping
	Mono<AlertSettingsPayload> updateAlertSettings(@Argument Map<String, Object> input,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant) {
		AlertSettingsInput update = new AlertSettingsInput(input);
		List<UserError> errors = update.check();
		if (!errors.isEmpty()) {
			return this.settings.get(tenant.id()).map((current) -> new AlertSettingsPayload(current, errors));
		}
		return this.settings.stored(tenant.id())
			.defaultIfEmpty(AlertSettingsStore.Stored.NONE)
			.flatMap((current) -> this.settings.save(tenant.id(), update.applyTo(current), this.clock.instant()))
			.then(this.settings.get(tenant.id()))
			.map((saved) -> new AlertSettingsPayload(saved, List.of()));
	}

	/**
	 * One poller per workspace and profile checks every {@code check-interval} and passes
	 * on the checks whose open alerts changed (the ads report ready); each subscriber
	 * turns them into events from what it saw last, so one arriving late first gets the
	 * open alerts as RAISED.
	 */
	@SubscriptionMapping
	Flux<AlertEvent> alertsChanged(@Argument String profileId,
			@ContextValue(TenantContextInterceptor.TENANT) Tenant tenant, DataFetchingEnvironment env) {
		return SubscriptionErrors
			.tagged(Mono.defer(() -> this.alerts.profile(tenant, profileId)).flatMapMany((profile) -> {
				WatchKey key = new WatchKey(tenant.id(), "alerts", profile.id() + " " + tenant.connectionIds());
				return this.watcher.follow(key, AlertCheck.class, () -> checks(tenant, profile));
			}).scan(AlertEvents.NOTHING, AlertEvents::next).skip(1).concatMapIterable(AlertEvents::events), env);
	}

	private Flux<AlertCheck> checks(Tenant tenant, ProfileView profile) {
		Duration every = this.properties.checkInterval();
		return Mono.defer(() -> this.alerts.check(tenant, profile))
			.repeatWhen((done) -> done.delayElements(every))
			.filter((check) -> check.freshness().isReady())
			.distinctUntilChanged(AlertCheck::openIds);
	}

}
