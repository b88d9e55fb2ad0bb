package dev.adsgraph.admin;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.adsgraph.connections.ConnectionStore;
import dev.adsgraph.tenancy.ApiKeyResolver;
import dev.adsgraph.tenancy.TenantRegistry;
import dev.adsgraph.tenancy.WorkspaceStore;

/**
 * The admin API's routes under {@code /admin} (docs/admin.md), guarded by
 * {@link AdminWebFilter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AdminConfiguration {

	@Bean
	AdminHandler adminHandler(TenantRegistry configured, WorkspaceStore store, ApiKeyResolver keys, Clock clock,
			ConnectionStore connectionStore) {
		return new AdminHandler(configured, store, keys, clock, connectionStore);
	}

	@Bean
	RouterFunction<ServerResponse> adminRoutes(AdminHandler admin) {
		return RouterFunctions.route()
			.path("/admin",
					(routes) -> routes.POST("/workspaces", admin::createWorkspace)
						.GET("/workspaces", admin::listWorkspaces)
						.GET("/workspaces/{id}", admin::getWorkspace)
						.POST("/workspaces/{id}/api-keys", admin::issueKey)
						.GET("/workspaces/{id}/api-keys", admin::listKeys)
						.POST("/workspaces/{id}/api-keys/{keyId}/rotate", admin::rotateKey)
						.DELETE("/workspaces/{id}/api-keys/{keyId}", admin::revokeKey)
						.GET("/workspaces/{id}/connections", admin::listConnections)
						.route(RequestPredicates.all(), admin::unknown))
			.build();
	}

}
