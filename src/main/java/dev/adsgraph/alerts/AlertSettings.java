package dev.adsgraph.alerts;

import java.time.OffsetDateTime;

/**
 * The schema's {@code AlertSettings}: a workspace's thresholds, its own or the defaults.
 *
 * @param updatedAt when the workspace last changed them; null when it never did
 */
record AlertSettings(int daysOfCoverThreshold, int minTitleLength, boolean requireMainImage, OffsetDateTime updatedAt) {

	static final int MIN_DAYS_OF_COVER = 1;

	static final int MAX_DAYS_OF_COVER = 365;

	static final int MIN_TITLE_LENGTH = 0;

	/** Amazon's listing titles are at most 200 characters. */
	static final int MAX_TITLE_LENGTH = 200;

}
