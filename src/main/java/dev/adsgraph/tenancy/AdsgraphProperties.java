package dev.adsgraph.tenancy;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the gateway and with which Amazon credentials: {@code adsgraph.mode} and
 * {@code adsgraph.tenants[*]}. In sandbox mode the built-in sandbox supplies the demo
 * tenants; in live mode every tenant comes from configuration or environment variables,
 * for example {@code ADSGRAPH_TENANTS_0_ADS_REFRESHTOKEN}.
 *
 * @param mode {@code sandbox} (upstream calls go to the built-in simulator, which
 * supplies demo tenants) or {@code live} (calls go to Amazon with the configured tenants'
 * credentials); without tenants and without this setting the sandbox starts
 * @param apiKeyHeader the request header that carries a caller's API key
 * @param tenants the callers and the Amazon credentials each may use: {@code id},
 * {@code name}, {@code api-key-sha256} (or {@code api-key}), {@code ads.client-id},
 * {@code ads.client-secret}, {@code ads.refresh-token}, {@code ads.regions}, the same
 * under {@code sp} plus {@code sp.selling-partner-id}, and optional
 * {@code requests-per-second} and {@code request-burst}
 */
@Validated
@ConfigurationProperties("adsgraph")
public record AdsgraphProperties(@NotNull @DefaultValue("live") Mode mode,
		@NotBlank @DefaultValue("X-Api-Key") String apiKeyHeader, @DefaultValue List<TenantProperties> tenants) {

	public AdsgraphProperties {
		tenants = List.copyOf(tenants);
	}

	public enum Mode {

		/**
		 * Upstream calls go to the built-in simulator; demo tenants are provided by it.
		 */
		SANDBOX,
		/** Upstream calls go to Amazon with the configured tenants' credentials. */
		LIVE

	}

	/**
	 * One tenant as configured; validated into a {@link Tenant} by
	 * {@link TenantRegistry}.
	 *
	 * @param apiKeySha256 the hex SHA-256 digest of the tenant's API key (optionally
	 * prefixed {@code sha256:}), so that the configuration holds no usable key
	 * @param apiKey the API key in plain text; accepted with a start-up warning, for the
	 * sandbox-like set-ups where a digest is a nuisance
	 * @param requestsPerSecond this tenant's request rate, instead of
	 * {@code adsgraph.limits.requests-per-second}
	 * @param requestBurst this tenant's burst, instead of
	 * {@code adsgraph.limits.request-burst}
	 */
	public record TenantProperties(String id, String name, String apiKey, String apiKeySha256,
			AdsCredentialProperties ads, SpCredentialProperties sp, Double requestsPerSecond, Integer requestBurst) {

		@ConstructorBinding
		public TenantProperties {
		}

		/**
		 * A tenant without a digest or rate overrides (tests, code written before they
		 * existed).
		 */
		public TenantProperties(String id, String name, String apiKey, AdsCredentialProperties ads,
				SpCredentialProperties sp) {
			this(id, name, apiKey, null, ads, sp, null, null);
		}

		@Override
		public String toString() {
			return "TenantProperties[id=" + this.id + ", name=" + this.name + ", apiKey=***, apiKeySha256=***, ads="
					+ this.ads + ", sp=" + this.sp + ", requestsPerSecond=" + this.requestsPerSecond + ", requestBurst="
					+ this.requestBurst + "]";
		}

	}

	/**
	 * The tenant's SP-API LWA application (a different application from the Ads one) and
	 * the refresh token the selling partner granted it. Optional: without it the retail
	 * fields are null.
	 */
	public record SpCredentialProperties(String clientId, String clientSecret, String refreshToken,
			String sellingPartnerId, List<String> regions) {

		public SpCredentialProperties {
			regions = (regions != null) ? new ArrayList<>(regions) : new ArrayList<>();
		}

		@Override
		public String toString() {
			return "SpCredentialProperties[clientId=" + this.clientId + ", clientSecret=***, refreshToken=***, "
					+ "sellingPartnerId=" + this.sellingPartnerId + ", regions=" + this.regions + "]";
		}

	}

	/** The tenant's Amazon Ads LWA application and the refresh token its user granted. */
	public record AdsCredentialProperties(String clientId, String clientSecret, String refreshToken,
			List<String> regions) {

		public AdsCredentialProperties {
			regions = (regions != null) ? new ArrayList<>(regions) : new ArrayList<>();
		}

		@Override
		public String toString() {
			return "AdsCredentialProperties[clientId=" + this.clientId
					+ ", clientSecret=***, refreshToken=***, regions=" + this.regions + "]";
		}

	}

}
