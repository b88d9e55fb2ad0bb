package dev.adsgraph.tenancy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkspacesProperties.class)
class WorkspaceConfiguration {

	@Bean
	@DependsOnDatabaseInitialization
	WorkspaceStore workspaceStore(DatabaseClient database) {
		return new WorkspaceStore(database);
	}

}
