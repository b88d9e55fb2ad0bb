package dev.adsgraph.upstream;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelException;

import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The one place that decides which failures mean "no HTTP answer arrived" (connect
 * errors, timeouts, connections closed early) for every upstream client. Those are worth
 * another try; anything else, a bug in our code for instance, is left as it is so it is
 * not retried as if Amazon had been unreachable.
 */
public final class TransportErrors {

	private TransportErrors() {
	}

	public static boolean isNoAnswer(Throwable ex) {
		return !(ex instanceof UpstreamException) && (ex instanceof WebClientRequestException
				|| ex instanceof TimeoutException || ex instanceof IOException || ex instanceof ChannelException);
	}

	/** httpStatus 0 and retryable, with the transport failure as the cause. */
	public static UpstreamException noAnswer(String upstream, String operation, Throwable cause) {
		UpstreamException ex = new UpstreamException(upstream, operation, 0, null,
				cause.getClass().getSimpleName() + ": " + cause.getMessage(), null, true, null);
		ex.initCause(cause);
		return ex;
	}

}
