package dev.adsgraph.consent;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReturnUrlsTest {

	private final ReturnUrls urls = new ReturnUrls(
			List.of("https://app.example.com", "https://partner.example.com/settings/", "http://localhost:8080"));

	@Test
	void anOriginAllowsAnyPathOnItAndAPrefixItsPathAndBelow() {
		assertThat(this.urls.refusal("https://app.example.com")).isEmpty();
		assertThat(this.urls.refusal("https://app.example.com/connections?tab=ads")).isEmpty();
		assertThat(this.urls.refusal("https://APP.example.com:443/x")).isEmpty();
		assertThat(this.urls.refusal("https://partner.example.com/settings/amazon?x=1")).isEmpty();
		assertThat(this.urls.refusal("https://partner.example.com/settings")).isEmpty();
		assertThat(this.urls.refusal("http://localhost:8080/dashboard")).isEmpty();
	}

	@Test
	void everythingElseIsRefused() {
		assertThat(this.urls.refusal("https://evil.example.com/")).get().asString().contains("allow-list");
		assertThat(this.urls.refusal("https://app.example.com.evil.com/")).isPresent();
		assertThat(this.urls.refusal("http://app.example.com/")).isPresent();
		assertThat(this.urls.refusal("https://app.example.com:8443/")).isPresent();
		assertThat(this.urls.refusal("https://partner.example.com/settingsx")).isPresent();
		assertThat(this.urls.refusal("https://partner.example.com/")).isPresent();
		assertThat(this.urls.refusal("http://localhost:8081/")).isPresent();
		assertThat(this.urls.refusal("https://app.example.com@evil.com/")).isPresent();
		assertThat(this.urls.refusal("https://user@app.example.com/")).get().asString().contains("user info");
		assertThat(this.urls.refusal("https://partner.example.com/settings/../admin")).isPresent();
		assertThat(this.urls.refusal("https://partner.example.com/settings/%2e%2e/admin")).isPresent();
		assertThat(this.urls.refusal("https://app.example.com\\@evil.com/")).isPresent();
		assertThat(this.urls.refusal("https://app.example.com/#x")).isPresent();
		assertThat(this.urls.refusal("javascript:alert(1)")).get().asString().contains("absolute http");
		assertThat(this.urls.refusal("/dashboard")).get().asString().contains("absolute http");
		assertThat(this.urls.refusal("https://app.example.com/" + "a".repeat(2100))).get()
			.asString()
			.contains("longer than 2048");
	}

	@Test
	void anAllowListEntryIsAnOriginOrAPrefixWithoutQueryOrFragment() {
		assertThatThrownBy(() -> new ReturnUrls(List.of("app.example.com")))
			.hasMessageContaining("adsgraph.consent.allowed-return-urls");
		assertThatThrownBy(() -> new ReturnUrls(List.of("https://app.example.com/?x=1")))
			.hasMessageContaining("without user info, query or fragment");
		assertThatThrownBy(() -> new ReturnUrls(List.of("ftp://app.example.com")))
			.hasMessageContaining("must be an origin");
	}

}
