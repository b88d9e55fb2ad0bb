package dev.adsgraph.graphql;

/**
 * The thing asked for does not exist for this caller; answered with code NOT_FOUND and a
 * null field.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
