package dev.adsgraph.graphql;

/**
 * An argument the caller got wrong; answered as a GraphQL error with code BAD_USER_INPUT.
 */
public class BadUserInputException extends RuntimeException {

	public BadUserInputException(String message) {
		super(message);
	}

}
