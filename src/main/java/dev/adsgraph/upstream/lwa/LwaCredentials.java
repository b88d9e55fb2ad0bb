package dev.adsgraph.upstream.lwa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One Login with Amazon application credential plus the refresh token a user granted it.
 * Immutable, equal by its three values. {@link #toString()} never prints the secrets (nor
 * the fingerprint).
 * <p>
 * A class rather than a record only so that it can keep its {@link #fingerprint()}: the
 * request path names the credentials by it several times per request (shared reads, LWA
 * tokens, back-off keys), and the same instance serves many requests (a configured
 * tenant's for the replica's life, a stored connection's while its workspace's
 * connections are cached), so the SHA-256 is computed once per instance.
 */
public final class LwaCredentials {

	private final String clientId;

	private final String clientSecret;

	private final String refreshToken;

	/**
	 * {@link #fingerprint()} once computed. Not part of equality nor of
	 * {@link #toString()}; a race computes the same string twice, never a different one.
	 */
	private volatile String fingerprint;

	public LwaCredentials(String clientId, String clientSecret, String refreshToken) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.refreshToken = refreshToken;
	}

	public String clientId() {
		return this.clientId;
	}

	public String clientSecret() {
		return this.clientSecret;
	}

	public String refreshToken() {
		return this.refreshToken;
	}

	/**
	 * Names these credentials in caches and back-off keys without carrying the secret:
	 * the client id and a SHA-256 of the refresh token. Computed on first use, then
	 * reused.
	 */
	public String fingerprint() {
		String computed = this.fingerprint;
		if (computed == null) {
			computed = computeFingerprint();
			this.fingerprint = computed;
		}
		return computed;
	}

	private String computeFingerprint() {
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
	public boolean equals(Object other) {
		return other instanceof LwaCredentials that && Objects.equals(this.clientId, that.clientId)
				&& Objects.equals(this.clientSecret, that.clientSecret)
				&& Objects.equals(this.refreshToken, that.refreshToken);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.clientId, this.clientSecret, this.refreshToken);
	}

	@Override
	public String toString() {
		return "LwaCredentials[clientId=" + this.clientId + ", clientSecret=***, refreshToken=***]";
	}

}
