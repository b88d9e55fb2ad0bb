package dev.adsgraph.sandbox;

/**
 * LWA credentials of one simulated Amazon user, as a tenant would configure them. They
 * are public fixtures of the sandbox, never real secrets.
 */
public record SandboxCredentials(String clientId, String clientSecret, String refreshToken) {

	@Override
	public String toString() {
		return "SandboxCredentials[clientId=" + this.clientId + "]";
	}

}
