package dev.adsgraph.connections;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectionsProperties.class)
class ConnectionsConfiguration {

	/** The command-line option that re-encrypts the stored tokens and stops. */
	static final String REENCRYPT_OPTION = "reencrypt-connections";

	private static final Logger log = LoggerFactory.getLogger(ConnectionsConfiguration.class);

	@Bean
	TokenCipher connectionTokenCipher(ConnectionsProperties properties) {
		return ConnectionKeys.cipher(properties);
	}

	@Bean
	@DependsOnDatabaseInitialization
	ConnectionStore connectionStore(DatabaseClient database, TokenCipher connectionTokenCipher, Clock clock) {
		return new ConnectionStore(database, connectionTokenCipher, clock);
	}

	/**
	 * {@code --reencrypt-connections}: after a new primary key was configured next to the
	 * old ones, re-encrypts every stored token under it and stops the gateway; the old
	 * keys can then be removed (docs/connections.md).
	 */
	@Bean
	ApplicationRunner connectionReencryption(ConnectionStore connectionStore, TokenCipher connectionTokenCipher,
			ConfigurableApplicationContext context) {
		return (arguments) -> {
			if (!arguments.containsOption(REENCRYPT_OPTION)) {
				return;
			}
			Long count = connectionStore.reencrypt().block();
			log.info("Re-encrypted {} connection refresh token(s) under the key '{}'; stopping", count,
					connectionTokenCipher.primaryKeyId());
			context.close();
		};
	}

}
