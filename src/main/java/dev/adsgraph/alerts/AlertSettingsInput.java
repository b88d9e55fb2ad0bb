package dev.adsgraph.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.adsgraph.alerts.AlertSettingsStore.Stored;
import dev.adsgraph.alerts.AlertViews.UserError;

/**
 * The schema's {@code AlertSettingsInput}, as graphql-java coerced it: a field left out
 * keeps the workspace's value, a field given as null goes back to the default, so the
 * map's keys matter, not only its values.
 */
record AlertSettingsInput(Map<String, Object> values) {

	static final String DAYS = "daysOfCoverThreshold";

	static final String TITLE = "minTitleLength";

	static final String IMAGE = "requireMainImage";

	/** Every value out of range, each naming its field; empty when all are fine. */
	List<UserError> check() {
		List<UserError> errors = new ArrayList<>();
		Integer days = (Integer) this.values.get(DAYS);
		if (days != null && (days < AlertSettings.MIN_DAYS_OF_COVER || days > AlertSettings.MAX_DAYS_OF_COVER)) {
			errors
				.add(new UserError("OUT_OF_RANGE",
						DAYS + " must be between " + AlertSettings.MIN_DAYS_OF_COVER + " and "
								+ AlertSettings.MAX_DAYS_OF_COVER + " days; got " + days + ".",
						List.of("input", DAYS)));
		}
		Integer title = (Integer) this.values.get(TITLE);
		if (title != null && (title < AlertSettings.MIN_TITLE_LENGTH || title > AlertSettings.MAX_TITLE_LENGTH)) {
			errors.add(new UserError("OUT_OF_RANGE",
					TITLE + " must be between " + AlertSettings.MIN_TITLE_LENGTH + " and "
							+ AlertSettings.MAX_TITLE_LENGTH + " characters (Amazon's longest title); got " + title
							+ ".",
					List.of("input", TITLE)));
		}
		return errors;
	}

	/** The workspace's own values with this input applied. */
	Stored applyTo(Stored current) {
		return new Stored(
				this.values.containsKey(DAYS) ? (Integer) this.values.get(DAYS) : current.daysOfCoverThreshold(),
				this.values.containsKey(TITLE) ? (Integer) this.values.get(TITLE) : current.minTitleLength(),
				this.values.containsKey(IMAGE) ? (Boolean) this.values.get(IMAGE) : current.requireMainImage(), null);
	}

}
