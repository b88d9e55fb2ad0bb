package dev.adsgraph.registrations;

import java.time.Clock;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

	@Bean
	@DependsOnDatabaseInitialization
	RegistrationStore registrationStore(DatabaseClient database, Clock clock) {
		return new RegistrationStore(database, clock);
	}

}
