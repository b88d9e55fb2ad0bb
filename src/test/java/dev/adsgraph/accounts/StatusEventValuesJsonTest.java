package dev.adsgraph.accounts;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.adsgraph.accounts.TermsTokenController.TermsTokenView;
import dev.adsgraph.watch.WatchValues;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values the accounts' subscriptions follow cross replicas in Redis mode as JSON:
 * each reads back equal to what was written, every field of the views included.
 */
class StatusEventValuesJsonTest {

	private static <T> T roundTrip(T value, Class<T> type) {
		return WatchValues.read(WatchValues.write(value), type);
	}

	@Test
	void anAdsAccountReadsBackEqual() {
		AdsAccountView account = new AdsAccountView("amzn1.ads-account.g.1", "Cedar Lane", "PARTIALLY_CREATED",
				List.of("US", "CA"), List.of(new AdsAccountView.AlternateIdView("US", "123", "ENTITY1")),
				List.of(new AdsAccountView.CountryErrorView("CA", "SELLER_ACCOUNT_NOT_FOUND", "Not found")));
		assertThat(roundTrip(account, AdsAccountView.class)).isEqualTo(account);
	}

	@Test
	void anAdvertiserAccountReadsBackEqual() {
		AdvertiserAccountView account = new AdvertiserAccountView("adv-1", "Brand",
				new AdvertiserAccountView.Status("APPROVED", null), "USD", "America/Los_Angeles", null, Boolean.TRUE,
				Boolean.FALSE, null,
				List.of(new AdvertiserAccountView.BusinessDetailsView("tok",
						new AdvertiserAccountView.AddressView("Brand LLC", "1 Way", null, "Seattle", "WA", "98101",
								"US", "+1 206 555 0100"),
						"R1", "https://brand.example.com")),
				List.of(new AdvertiserAccountView.AlternateIdView("US", "NA", "p1", "e1", null)),
				List.of(new AdvertiserAccountView.LinkView("link", "SELLER", "LINKED", null)));
		assertThat(roundTrip(account, AdvertiserAccountView.class)).isEqualTo(account);
	}

	@Test
	void aTermsTokenReadsBackEqual() {
		TermsTokenView token = new TermsTokenView("tok-1", "ACCEPTED", "ADVERTISING", null);
		assertThat(roundTrip(token, TermsTokenView.class)).isEqualTo(token);
	}

}
