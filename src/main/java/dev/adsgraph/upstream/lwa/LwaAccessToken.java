package dev.adsgraph.upstream.lwa;

import java.time.Instant;
import java.util.Objects;

/**
 * An LWA access token and the instant it stops working. {@link #toString()} never prints
 * the token: it is a bearer secret for an hour.
 */
public record LwaAccessToken(String value, Instant expiresAt) {

	public LwaAccessToken {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(expiresAt, "expiresAt");
	}

	@Override
	public String toString() {
		return "LwaAccessToken[value=***, expiresAt=" + this.expiresAt + "]";
	}

}
