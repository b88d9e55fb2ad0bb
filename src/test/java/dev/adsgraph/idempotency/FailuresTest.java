package dev.adsgraph.idempotency;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import dev.adsgraph.graphql.BadUserInputException;
import dev.adsgraph.upstream.UpstreamException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures certainly changed nothing at Amazon, and how the others are told. */
class FailuresTest {

	private static UpstreamException ads(int status) {
		return new UpstreamException("ads", "RegisterAdsAccount", status, null, "body text", "req-1", status >= 500,
				null);
	}

	private static UpstreamException noAnswer(String upstream, Throwable cause) {
		UpstreamException ex = new UpstreamException(upstream, "RegisterAdsAccount", 0, null, "no answer", null, true,
				null);
		if (cause != null) {
			ex.initCause(cause);
		}
		return ex;
	}

	@Test
	void refusalsBeforeOrByAmazonChangedNothing() {
		assertThat(Failures.changedNothing(ads(400))).isTrue();
		assertThat(Failures.changedNothing(ads(401))).isTrue();
		assertThat(Failures.changedNothing(ads(403))).isTrue();
		assertThat(Failures.changedNothing(ads(429))).isTrue();
		assertThat(Failures
			.changedNothing(new UpstreamException("lwa", "token", 500, "server_error", "x", null, true, null)))
			.isTrue();
		assertThat(Failures.changedNothing(noAnswer("lwa", new TimeoutException()))).isTrue();
		assertThat(Failures.changedNothing(noAnswer("ads", new ConnectException("refused")))).isTrue();
		assertThat(Failures.changedNothing(noAnswer("ads", new RuntimeException(new UnknownHostException("x")))))
			.isTrue();
		assertThat(Failures.changedNothing(noAnswer("ads", null))).isTrue();
		assertThat(Failures.changedNothing(new BadUserInputException("x"))).isTrue();
	}

	@Test
	void anythingThatMayHaveReachedAmazonHasAnUnknownOutcome() {
		assertThat(Failures.changedNothing(ads(500))).isFalse();
		assertThat(Failures.changedNothing(ads(503))).isFalse();
		assertThat(Failures.changedNothing(ads(201))).isFalse();
		assertThat(Failures.changedNothing(noAnswer("ads", new TimeoutException("response")))).isFalse();
		assertThat(Failures.changedNothing(noAnswer("ads", new IOException("closed early")))).isFalse();
		assertThat(Failures.changedNothing(new IllegalStateException("bug"))).isFalse();
	}

	@Test
	void theReasonNamesTheOperationButNeverAmazonsText() {
		assertThat(Failures.whyUnknown(ads(503))).isEqualTo("Amazon answered HTTP 503 (RegisterAdsAccount)");
		assertThat(Failures.whyUnknown(noAnswer("ads", new TimeoutException())))
			.isEqualTo("Amazon did not answer (RegisterAdsAccount)");
		assertThat(Failures.whyUnknown(ads(201)))
			.isEqualTo("Amazon's answer could not be read (RegisterAdsAccount, HTTP 201)");
		assertThat(Failures.whyUnknown(new IllegalStateException("secret detail"))).doesNotContain("secret");
	}

}
