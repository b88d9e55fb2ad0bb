package dev.adsgraph.upstream;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/** The HTTP connector of every upstream client: bounded connect and response times. */
public final class Connectors {

	private Connectors() {
	}

	public static ReactorClientHttpConnector withTimeouts(Duration connectTimeout, Duration responseTimeout) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(connectTimeout.toMillis(), Integer.MAX_VALUE))
			.responseTimeout(responseTimeout);
		return new ReactorClientHttpConnector(httpClient);
	}

}
