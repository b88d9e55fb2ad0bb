package dev.adsgraph.watch;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the values a subscription follows cross replicas in Redis mode: JSON, read back
 * into the class {@link StatusWatcher#poll} or {@link StatusWatcher#follow} was given.
 * Properties a reader does not know (a derived getter, a newer version's field) are
 * ignored.
 */
public final class WatchValues {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private WatchValues() {
	}

	public static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	public static <T> T read(String json, Class<T> type) {
		return JSON.readValue(json, type);
	}

}
