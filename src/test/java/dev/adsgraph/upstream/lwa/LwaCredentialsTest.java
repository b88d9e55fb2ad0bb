package dev.adsgraph.upstream.lwa;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class LwaCredentialsTest {

	private static final String SHA256_OF_TOKEN = "f99e97ebe6b85862f1bf81b29cdcef24ca37039813193aec7e3df6a421776ecc";

	private final LwaCredentials credentials = new LwaCredentials("amzn1.application-oa2-client.abc", "client-secret",
			"Atzr|refresh-token");

	@Test
	void theFingerprintIsTheClientIdAndTheRefreshTokensDigestComputedOnce() {
		String first = this.credentials.fingerprint();
		assertThat(first).isEqualTo("amzn1.application-oa2-client.abc:" + SHA256_OF_TOKEN);
		// The same string again, not a digest computed anew.
		assertThat(this.credentials.fingerprint()).isSameAs(first);
	}

	@Test
	void equalityIsTheThreeValuesWhetherTheFingerprintWasComputedOrNot() {
		LwaCredentials same = new LwaCredentials("amzn1.application-oa2-client.abc", "client-secret",
				"Atzr|refresh-token");
		this.credentials.fingerprint();
		assertThat(same).isEqualTo(this.credentials).hasSameHashCodeAs(this.credentials);
		assertThat(new LwaCredentials("amzn1.application-oa2-client.abc", "other-secret", "Atzr|refresh-token"))
			.isNotEqualTo(this.credentials);
		assertThat(new LwaCredentials("amzn1.application-oa2-client.abc", "client-secret", "Atzr|other"))
			.isNotEqualTo(this.credentials);
	}

	@Test
	void neitherTheSecretsNorTheFingerprintArePrinted() {
		this.credentials.fingerprint();
		assertThat(this.credentials.toString()).contains("amzn1.application-oa2-client.abc")
			.doesNotContain("client-secret")
			.doesNotContain("Atzr|refresh-token")
			.doesNotContain(SHA256_OF_TOKEN);
	}

	@Test
	void credentialsWithoutARefreshTokenHaveNoFingerprint() {
		LwaCredentials incomplete = new LwaCredentials("amzn1.application-oa2-client.abc", "client-secret", null);
		assertThatNullPointerException().isThrownBy(incomplete::fingerprint).withMessage("credentials.refreshToken");
		assertThatNullPointerException().isThrownBy(incomplete::fingerprint).withMessage("credentials.refreshToken");
	}

}
