package dev.adsgraph.connections;

import java.util.Map;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code adsgraph.connections.*}: how the connections' refresh tokens are encrypted at
 * rest (docs/connections.md).
 *
 * @param encryptionKeys the AES-256 keys by id, each 32 random bytes in base64 (e.g.
 * {@code ADSGRAPH_CONNECTIONS_ENCRYPTIONKEYS_K2026=$(openssl rand -base64 32)}); tokens
 * encrypted under any of them can be read, new ones use {@code primary-key-id}. When none
 * is set, the key in {@code key-file} is used, and made on first start.
 * @param primaryKeyId the key new tokens are encrypted under; required when more than one
 * key is set
 * @param keyFile where the gateway keeps the key it made itself when no key is configured
 * (one line, {@code id=base64}, readable by the owner only), next to the embedded
 * database's data by default; fine for a laptop, not for a deployment
 */
@Validated
@ConfigurationProperties("adsgraph.connections")
public record ConnectionsProperties(@NotNull @DefaultValue Map<String, String> encryptionKeys, String primaryKeyId,
		@NotBlank @DefaultValue("./data/connection-key") String keyFile,
		@Valid @DefaultValue Application adsApplication, @Valid @DefaultValue SpApplication spApplication) {

	/**
	 * The client a refresh token of {@code kind} issued to {@code clientId} is used with,
	 * when it is the configured application's.
	 */
	public Optional<LwaClient> client(ConnectionKind kind, String clientId) {
		LwaClient client = (kind == ConnectionKind.ADS) ? this.adsApplication.client() : this.spApplication.client();
		return Optional.ofNullable(client).filter((c) -> c.clientId().equals(clientId));
	}

	/**
	 * An LWA application (security profile).
	 *
	 * @param clientId its client id ({@code amzn1.application-oa2-client.…})
	 * @param clientSecret its client secret
	 */
	public record Application(String clientId, String clientSecret) {

		/** The client when both halves are set, else null. */
		public LwaClient client() {
			return (clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank())
					? new LwaClient(clientId, clientSecret) : null;
		}

	}

	/**
	 * An SP-API application as registered in Solution Provider Portal or Seller Central.
	 *
	 * @param applicationId its application id ({@code amzn1.sp.solution.…}), which the
	 * Seller Central consent page names
	 * @param clientId its LWA client id
	 * @param clientSecret its LWA client secret
	 * @param draft whether it is still a draft application, which Amazon's consent page
	 * authorizes only with {@code version=beta}
	 */
	public record SpApplication(String applicationId, String clientId, String clientSecret,
			@DefaultValue("false") boolean draft) {

		/** The client when both halves are set, else null. */
		public LwaClient client() {
			return (clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank())
					? new LwaClient(clientId, clientSecret) : null;
		}

	}

	/** An LWA client: what, with a refresh token, makes {@code LwaCredentials}. */
	public record LwaClient(String clientId, String clientSecret) {

		@Override
		public String toString() {
			return "LwaClient[clientId=" + this.clientId + "]";
		}

	}

}
