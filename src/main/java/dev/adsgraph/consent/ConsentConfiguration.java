package dev.adsgraph.consent;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.connections.ConnectionsProperties;
import dev.adsgraph.upstream.UpstreamProperties;
import dev.adsgraph.upstream.ads.AdsApiClient;
import dev.adsgraph.upstream.lwa.LwaAuthorizationClient;
import dev.adsgraph.upstream.resilience.UpstreamGuard;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsentProperties.class)
class ConsentConfiguration {

	@Bean
	@DependsOnDatabaseInitialization
	ConsentStates consentStates(DatabaseClient database, Clock clock) {
		return new ConsentStates(database, clock);
	}

	@Bean
	LwaAuthorizationClient lwaAuthorizationClient(WebClient.Builder webClientBuilder, UpstreamProperties upstream,
			UpstreamGuard guard) {
		return new LwaAuthorizationClient(webClientBuilder, upstream.lwa(), guard);
	}

	@Bean
	ConsentService consentService(ConsentProperties properties, ConnectionsProperties applications,
			Environment environment, ConsentStates consentStates, LwaAuthorizationClient lwaAuthorizationClient,
			AdsApiClient adsApiClient, ConnectionStore connectionStore) {
		return new ConsentService(properties, applications, new ConsentSite(properties, environment), consentStates,
				lwaAuthorizationClient, adsApiClient, connectionStore);
	}

	@Bean
	RouterFunction<ServerResponse> consentCallbackRoutes(ConsentService consentService) {
		return new ConsentCallbacks(consentService).routes();
	}

}
