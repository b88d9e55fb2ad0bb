package dev.adsgraph.web;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The subscriptions endpoint ({@code spring.graphql.websocket.path}): Spring's
 * graphql-transport-ws handler, in place of the one Spring Boot would declare, with each
 * session wrapped in a {@link GraphQlTransportWsSession} so that every breach of the
 * protocol closes the socket with the protocol's close code. It takes the same
 * {@code spring.graphql.websocket.*} settings as Spring Boot's; Spring Boot's
 * {@code spring.graphql.cors.*} is not applied, as the gateway's CORS, WebSocket origins
 * included, is {@code adsgraph.cors} ({@link CorsFilterConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.graphql.websocket.path")
class GraphQlTransportWsConfiguration {

	@Bean
	GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties,
			ServerCodecConfigurer codecs) {
		return new Handler(handler, codecs, properties.getWebsocket().getConnectionInitTimeout(),
				properties.getWebsocket().getKeepAlive());
	}

	/** Spring's handler, over the checking session. */
	static final class Handler extends GraphQlWebSocketHandler {

		Handler(WebGraphQlHandler handler, CodecConfigurer codecs, Duration connectionInitTimeout, Duration keepAlive) {
			super(handler, codecs, connectionInitTimeout, keepAlive);
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return super.handle(new GraphQlTransportWsSession(session));
		}

	}

}
