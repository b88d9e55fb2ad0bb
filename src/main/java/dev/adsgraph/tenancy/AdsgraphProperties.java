package dev.adsgraph.tenancy;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the gateway and with which Amazon credentials: {@code adsgraph.mode} and
 * {@code adsgraph.tenants[*]}. In sandbox mode the built-in sandbox supplies the demo tenants;
 * in live mode every tenant comes from configuration or environment variables, for example
 * {@code ADSGRAPH_TENANTS_0_ADS_REFRESHTOKEN}.
 */
@ConfigurationProperties("adsgraph")
public record AdsgraphProperties(Mode mode, String apiKeyHeader, List<TenantProperties> tenants) {

	public AdsgraphProperties {
		mode = (mode != null) ? mode : Mode.LIVE;
		apiKeyHeader = (apiKeyHeader != null && !apiKeyHeader.isBlank()) ? apiKeyHeader : "X-Api-Key";
		tenants = (tenants != null) ? List.copyOf(tenants) : List.of();
	}

	public enum Mode {

		/** Upstream calls go to the built-in simulator; demo tenants are provided by it. */
		SANDBOX,
		/** Upstream calls go to Amazon with the configured tenants' credentials. */
		LIVE

	}

	/** One tenant as configured; validated into a {@link Tenant} by {@link TenantRegistry}. */
	public record TenantProperties(String id, String name, String apiKey, AdsCredentialProperties ads,
			SpCredentialProperties sp) {

		@Override
		public String toString() {
			return "TenantProperties[id=" + this.id + ", name=" + this.name + ", apiKey=***, ads=" + this.ads + ", sp="
					+ this.sp + "]";
		}

	}

	/**
	 * The tenant's SP-API LWA application (a different application from the Ads one) and the
	 * refresh token the selling partner granted it. Optional: without it the retail fields are null.
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
			return "AdsCredentialProperties[clientId=" + this.clientId + ", clientSecret=***, refreshToken=***, regions="
					+ this.regions + "]";
		}

	}

}
