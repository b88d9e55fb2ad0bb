package dev.adsgraph.alerts;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.adsgraph.alerts.AlertViews.AlertCheck;
import dev.adsgraph.alerts.AlertViews.AlertEvent;
import dev.adsgraph.alerts.AlertViews.AlertView;

/**
 * What one {@code alertsChanged} subscriber was told: the open alerts by key, and the
 * events the latest check gave. From {@link #NOTHING}, the first check gives every open
 * alert as RAISED; each later one RESOLVED for an alert gone (or replaced by a new
 * occurrence) and RAISED for a new one. An alert of a kind the check could not decide (a
 * source unreadable) stays as it was, without an event.
 */
record AlertEvents(Map<String, AlertView> open, List<AlertEvent> events) {

	static final AlertEvents NOTHING = new AlertEvents(Map.of(), List.of());

	AlertEvents next(AlertCheck check) {
		Map<String, AlertView> now = new LinkedHashMap<>();
		this.open.forEach((key, before) -> {
			if (!check.decides(before)) {
				now.put(key, before);
			}
		});
		check.nodes().forEach((alert) -> now.put(alert.key(), alert));
		List<AlertEvent> events = new ArrayList<>();
		OffsetDateTime at = check.checkedAt();
		this.open.forEach((key, before) -> {
			AlertView after = now.get(key);
			if (after == null || !after.id().equals(before.id())) {
				events.add(AlertEvent.resolved(before, at));
			}
		});
		now.forEach((key, after) -> {
			AlertView before = this.open.get(key);
			if (before == null || !after.id().equals(before.id())) {
				events.add(AlertEvent.raised(after));
			}
		});
		return new AlertEvents(now, events);
	}

}
