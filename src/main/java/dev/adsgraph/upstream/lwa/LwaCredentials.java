package dev.adsgraph.upstream.lwa;

/**
 * One Login with Amazon application credential plus the refresh token a user granted it.
 * {@link #toString()} never prints the secrets.
 */
public record LwaCredentials(String clientId, String clientSecret, String refreshToken) {

	@Override
	public String toString() {
		return "LwaCredentials[clientId=" + this.clientId + ", clientSecret=***, refreshToken=***]";
	}

}
