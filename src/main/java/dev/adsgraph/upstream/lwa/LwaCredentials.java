package dev.adsgraph.upstream.lwa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One Login with Amazon application credential plus the refresh token a user granted it.
 * {@link #toString()} never prints the secrets.
 */
public record LwaCredentials(String clientId, String clientSecret, String refreshToken) {

	/**
	 * Names these credentials in caches and back-off keys without carrying the secret:
	 * the client id and a SHA-256 of the refresh token.
	 */
	public String fingerprint() {
		Objects.requireNonNull(this.clientId, "credentials.clientId");
		Objects.requireNonNull(this.refreshToken, "credentials.refreshToken");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(this.refreshToken.getBytes(StandardCharsets.UTF_8));
			return this.clientId + ":" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	@Override
	public String toString() {
		return "LwaCredentials[clientId=" + this.clientId + ", clientSecret=***, refreshToken=***]";
	}

}
