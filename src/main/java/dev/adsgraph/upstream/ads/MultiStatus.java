package dev.adsgraph.upstream.ads;

import java.util.List;

/**
 * A v1 batch write answer (HTTP 207): per input index either the entity or its errors, so
 * one bad item never hides the others.
 */
public record MultiStatus<T>(List<Success<T>> success, List<Failure> error) {

	public record Success<T>(int index, T item) {
	}

	public record Failure(int index, List<ItemError> errors) {
	}

	/**
	 * {@code code} is one of the v1 ErrorCode enum values, for example
	 * FIELD_VALUE_IS_INVALID.
	 */
	public record ItemError(String code, String message, String fieldLocation) {
	}

}
