package dev.adsgraph.connections;

import java.time.Clock;
import java.util.concurrent.ExecutionException;

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
			// A command-line run: this thread (the application's main one, never an
			// event loop) has nothing to do but wait, with no time limit: the work is
			// one statement per stored token, and a run cut short is simply run again.
			long count = reencrypted(connectionStore);
			log.info("Re-encrypted {} connection refresh token(s) under the key '{}'; stopping", count,
					connectionTokenCipher.primaryKeyId());
			context.close();
		};
	}

	/**
	 * Waits for the re-encryption and answers how many tokens it re-encrypted; its
	 * failure fails the command, with the cause.
	 */
	private static long reencrypted(ConnectionStore connectionStore) throws InterruptedException {
		try {
			return connectionStore.reencrypt().toFuture().get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(
					"Could not re-encrypt the stored connection refresh tokens: " + ex.getCause().getMessage(),
					ex.getCause());
		}
	}

}
