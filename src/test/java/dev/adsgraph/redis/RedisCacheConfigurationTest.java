package dev.adsgraph.redis;

import org.junit.jupiter.api.Test;

import dev.adsgraph.ClockConfiguration;
import dev.adsgraph.graphql.PersistedQueriesProperties;
import dev.adsgraph.graphql.PersistedQueryStore;
import dev.adsgraph.graphql.RedisPersistedQueryStore;
import dev.adsgraph.profiles.ProfileCache;
import dev.adsgraph.testing.RedisServer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared caches exist in Redis mode only. */
class RedisCacheConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withUserConfiguration(
			ClockConfiguration.class, Properties.class, RedisConfiguration.class, RedisCacheConfiguration.class);

	@Test
	void withoutRedisNothingIsSharedAndNothingConnects() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(RedisInvalidations.class);
			assertThat(context).doesNotHaveBean(ProfileCache.Shared.class);
			assertThat(context).doesNotHaveBean(PersistedQueryStore.class);
		});
	}

	@Test
	void inRedisModeTheProfileCacheAndPersistedQueriesAreShared() {
		this.contextRunner.withPropertyValues("spring.data.redis.url=" + RedisServer.shared().url()).run((context) -> {
			assertThat(context).hasSingleBean(RedisInvalidations.class);
			assertThat(context).hasSingleBean(ProfileCache.Shared.class);
			assertThat(context.getBean(PersistedQueryStore.class)).isInstanceOf(RedisPersistedQueryStore.class);
		});
	}

	@Test
	void persistedQueriesTurnedOffHaveNoStore() {
		this.contextRunner
			.withPropertyValues("spring.data.redis.url=" + RedisServer.shared().url(),
					"adsgraph.graphql.persisted-queries.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PersistedQueryStore.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PersistedQueriesProperties.class)
	static class Properties {

	}

}
