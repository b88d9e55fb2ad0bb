package dev.adsgraph.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.context.properties.bind.BindException;

import dev.adsgraph.graphql.CodedException;
import dev.adsgraph.testing.ConfigurationBinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared pollers on virtual time: every wait is exact, and no test sleeps. */
class StatusWatcherTest {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final WatchKey key = new WatchKey("demo", "adsAccount", "a1");

	/** An upstream whose status the test sets; it counts the calls made to it. */
	private final AtomicReference<String> status = new AtomicReference<>("PENDING");

	private final AtomicInteger calls = new AtomicInteger();

	private final Mono<String> poll = Mono.fromSupplier(() -> {
		this.calls.incrementAndGet();
		return this.status.get();
	});

	private StatusWatcher watcher(int maxPollers, int perTenant) {
		return new StatusWatcher(new WatchProperties(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofHours(1),
				maxPollers, perTenant, Duration.ofSeconds(10)), this.time);
	}

	private Disposable follow(StatusWatcher watcher, WatchKey key, List<String> into,
			AtomicReference<Throwable> error) {
		return watcher.poll(key, String.class, this.poll, (s) -> s, (s) -> !"PENDING".equals(s) && !"SLOW".equals(s))
			.subscribe(into::add, error::set, () -> into.add("complete"));
	}

	@Test
	void pollsBackOffByDoublingUpToTheCapAndStartOverAfterAChange() {
		StatusWatcher watcher = watcher(10, 10);
		List<String> events = new ArrayList<>();
		follow(watcher, this.key, events, new AtomicReference<>());
		assertThat(this.calls).hasValue(1);
		// Unchanged polls wait 1, 2, 4, 8, 8 s.
		int[] waits = { 1, 2, 4, 8, 8 };
		for (int i = 0; i < waits.length; i++) {
			this.time.advanceTimeBy(Duration.ofSeconds(waits[i]).minusMillis(1));
			assertThat(this.calls).as("before wait %d", i).hasValue(i + 1);
			this.time.advanceTimeBy(Duration.ofMillis(1));
			assertThat(this.calls).as("after wait %d", i).hasValue(i + 2);
		}
		this.status.set("SLOW");
		this.time.advanceTimeBy(Duration.ofSeconds(8));
		assertThat(this.calls).hasValue(7);
		// A change: the next poll comes after the initial delay again.
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(this.calls).hasValue(8);
		assertThat(events).containsExactly("PENDING", "SLOW");
	}

	@Test
	void subscribersOfOneKeyShareOnePollerAndLateOnesGetTheLatestStateFirst() {
		StatusWatcher watcher = watcher(10, 10);
		List<String> first = new ArrayList<>();
		List<String> second = new ArrayList<>();
		List<String> late = new ArrayList<>();
		follow(watcher, this.key, first, new AtomicReference<>());
		follow(watcher, this.key, second, new AtomicReference<>());
		this.status.set("SLOW");
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		follow(watcher, this.key, late, new AtomicReference<>());
		assertThat(this.calls).hasValue(2);
		assertThat(watcher.running()).containsEntry("demo", 1);
		this.status.set("CREATED");
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(first).containsExactly("PENDING", "SLOW", "CREATED", "complete");
		assertThat(second).isEqualTo(first);
		assertThat(late).containsExactly("SLOW", "CREATED", "complete");
		assertThat(this.calls).hasValue(3);
		assertThat(watcher.running()).isEmpty();
		this.time.advanceTimeBy(Duration.ofMinutes(5));
		assertThat(this.calls).hasValue(3);
	}

	@Test
	void theLastSubscriberLeavingStopsThePolling() {
		StatusWatcher watcher = watcher(10, 10);
		Disposable one = follow(watcher, this.key, new ArrayList<>(), new AtomicReference<>());
		Disposable two = follow(watcher, this.key, new ArrayList<>(), new AtomicReference<>());
		this.time.advanceTimeBy(Duration.ofSeconds(3));
		assertThat(this.calls).hasValue(3);
		one.dispose();
		this.time.advanceTimeBy(Duration.ofSeconds(4));
		assertThat(this.calls).hasValue(4);
		two.dispose();
		assertThat(watcher.running()).isEmpty();
		this.time.advanceTimeBy(Duration.ofHours(1));
		assertThat(this.calls).hasValue(4);
		// A new subscriber starts a new poller, from the current state.
		List<String> again = new ArrayList<>();
		follow(watcher, this.key, again, new AtomicReference<>());
		assertThat(this.calls).hasValue(5);
		assertThat(again).containsExactly("PENDING");
	}

	@Test
	void aFailedPollEndsThePollerWithItsErrorForEverySubscriber() {
		StatusWatcher watcher = watcher(10, 10);
		AtomicInteger polls = new AtomicInteger();
		Mono<String> failing = Mono.defer(() -> (polls.incrementAndGet() < 2) ? Mono.just("PENDING")
				: Mono.error(new IllegalStateException("upstream down")));
		AtomicReference<Throwable> one = new AtomicReference<>();
		AtomicReference<Throwable> two = new AtomicReference<>();
		watcher.poll(this.key, String.class, failing, (s) -> s, (s) -> false).subscribe((s) -> {
		}, one::set);
		watcher.poll(this.key, String.class, failing, (s) -> s, (s) -> false).subscribe((s) -> {
		}, two::set);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(one.get()).hasMessage("upstream down");
		assertThat(two.get()).isSameAs(one.get());
		assertThat(watcher.running()).isEmpty();
	}

	@Test
	void pollersAreBoundedInAllAndPerTenant() {
		StatusWatcher watcher = watcher(3, 2);
		follow(watcher, new WatchKey("demo", "termsToken", "t1"), new ArrayList<>(), new AtomicReference<>());
		follow(watcher, new WatchKey("demo", "termsToken", "t2"), new ArrayList<>(), new AtomicReference<>());
		// The same key again joins its poller: no new one, no refusal.
		AtomicReference<Throwable> joined = new AtomicReference<>();
		follow(watcher, new WatchKey("demo", "termsToken", "t2"), new ArrayList<>(), joined);
		assertThat(joined.get()).isNull();
		AtomicReference<Throwable> third = new AtomicReference<>();
		follow(watcher, new WatchKey("demo", "termsToken", "t3"), new ArrayList<>(), third);
		assertThat(third.get()).isInstanceOf(CodedException.class);
		assertThat(((CodedException) third.get()).code()).isEqualTo("SUBSCRIPTION_LIMIT");
		assertThat(((CodedException) third.get()).extensions()).containsEntry("limit", "maxPollersPerTenant");
		follow(watcher, new WatchKey("agency", "termsToken", "t1"), new ArrayList<>(), new AtomicReference<>());
		AtomicReference<Throwable> fourth = new AtomicReference<>();
		follow(watcher, new WatchKey("agency", "termsToken", "t2"), new ArrayList<>(), fourth);
		assertThat(((CodedException) fourth.get()).extensions()).containsEntry("limit", "maxPollers");
		assertThat(watcher.running()).containsEntry("demo", 2).containsEntry("agency", 1);
	}

	@Test
	void aPollerThatNeverEndsStopsAfterTheMaximumDuration() {
		StatusWatcher watcher = new StatusWatcher(new WatchProperties(Duration.ofSeconds(1), Duration.ofSeconds(8),
				Duration.ofMinutes(2), 10, 10, Duration.ofSeconds(10)), this.time);
		AtomicReference<Throwable> error = new AtomicReference<>();
		follow(watcher, this.key, new ArrayList<>(), error);
		this.time.advanceTimeBy(Duration.ofMinutes(2));
		assertThat(error.get()).isInstanceOf(CodedException.class);
		assertThat(((CodedException) error.get()).code()).isEqualTo("SUBSCRIPTION_EXPIRED");
		assertThat(error.get().getMessage()).contains("2m");
		int made = this.calls.get();
		this.time.advanceTimeBy(Duration.ofHours(1));
		assertThat(this.calls).hasValue(made);
		assertThat(watcher.running()).isEmpty();
	}

	@Test
	void settingsAreCheckedAtStartUpNamingTheProperty() {
		assertThatThrownBy(() -> new WatchProperties(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1),
				10, 10, Duration.ofSeconds(10)))
			.hasMessageContaining("adsgraph.subscriptions.poll-max-delay");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> ConfigurationBinding.bind(WatchProperties.class,
					"adsgraph.subscriptions.poll-initial-delay=0s", "adsgraph.subscriptions.max-pollers=0",
					"adsgraph.subscriptions.max-pollers-per-tenant=0"))
			.satisfies((ex) -> assertThat(ConfigurationBinding.problems(ex)).contains(
					"adsgraph.subscriptions.poll-initial-delay: must be longer than 0\n",
					"adsgraph.subscriptions.max-pollers: must be greater than 0\n"));
		assertThat(ConfigurationBinding.bind(WatchProperties.class)).isEqualTo(new WatchProperties(
				Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofHours(1), 1000, 100, Duration.ofSeconds(10)));
		assertThatThrownBy(() -> new WatchProperties(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1),
				10, 11, Duration.ofSeconds(10)))
			.hasMessageContaining("adsgraph.subscriptions.max-pollers-per-tenant");
	}

}
