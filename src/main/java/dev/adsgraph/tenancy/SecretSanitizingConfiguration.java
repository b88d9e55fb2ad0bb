package dev.adsgraph.tenancy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A second line of defence for the actuator: {@code application.yml} exposes only health
 * and info and sets {@code show-values: never} for {@code env} and {@code configprops},
 * but should someone expose those and show values, this function still hides the tenants'
 * secrets. Boot applies it whenever values are shown; every {@code SanitizingFunction}
 * bean is consulted.
 */
@Configuration(proxyBeanMethods = false)
class SecretSanitizingConfiguration {

	/**
	 * Key fragments, compared without case, dashes, dots or underscores, so that
	 * {@code adsgraph.tenants[0].ads.client-secret}, {@code clientSecret} (configprops)
	 * and {@code ADSGRAPH_TENANTS_0_ADS_CLIENTSECRET} (environment) all match; the
	 * connections' {@code encryption-keys} too.
	 */
	private static final List<String> SECRET_KEY_PARTS = List.of("secret", "token", "apikey", "password", "credential",
			"encryptionkey");

	/** LWA refresh and access tokens, wherever they were pasted. */
	private static final Pattern LWA_TOKEN = Pattern.compile(".*Atz[ar]\\|.*", Pattern.DOTALL);

	@Bean
	SanitizingFunction adsgraphSecrets() {
		return SanitizingFunction.sanitizeValue()
			.ifLikelySensitive()
			.ifKeyMatches(SecretSanitizingConfiguration::isSecretKey)
			.ifValueStringMatches(LWA_TOKEN);
	}

	static boolean isSecretKey(String key) {
		String normalized = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return SECRET_KEY_PARTS.stream().anyMatch(normalized::contains);
	}

}
