package dev.adsgraph.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import dev.adsgraph.ClockConfiguration;
import dev.adsgraph.testing.ClosedPort;
import dev.adsgraph.testing.RedisServer;
import dev.adsgraph.upstream.UpstreamConfiguration;
import dev.adsgraph.upstream.lwa.InMemoryLwaTokenCache;
import dev.adsgraph.upstream.lwa.LwaTokenCache;
import dev.adsgraph.upstream.lwa.RedisLwaTokenCache;
import dev.adsgraph.upstream.resilience.RedisThrottleStore;
import dev.adsgraph.upstream.resilience.ThrottleStore;
import dev.adsgraph.upstream.sp.TokenBucketStore;
import dev.adsgraph.web.RequestBucketStore;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** When Redis mode is on, and what it connects to. */
class RedisConfigurationTest {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withUserConfiguration(ClockConfiguration.class, UpstreamConfiguration.class, RedisConfiguration.class);

	@Test
	void withoutBootsRedisSettingNothingConnectsAndTheStoresStayInMemory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(RedisClient.class);
			assertThat(context).doesNotHaveBean(TokenBucketStore.class);
			assertThat(context).doesNotHaveBean(LwaTokenCache.class);
			assertThat(context).doesNotHaveBean(ThrottleStore.class);
			assertThat(context).doesNotHaveBean(RequestBucketStore.class);
		});
	}

	@Test
	void withTheUrlSetTheSharedStoresAreRedisOnes() {
		this.contextRunner.withPropertyValues("spring.data.redis.url=" + RedisServer.shared().url()).run((context) -> {
			assertThat(context).hasSingleBean(RedisClient.class);
			assertThat(context).hasSingleBean(TokenBucketStore.class);
			assertThat(context.getBean(LwaTokenCache.class)).isInstanceOf(RedisLwaTokenCache.class)
				.isNotInstanceOf(InMemoryLwaTokenCache.class);
			assertThat(context.getBean(ThrottleStore.class)).isInstanceOf(RedisThrottleStore.class);
			assertThat(context).hasSingleBean(RequestBucketStore.class);
			assertThat(context.getBean(RedisProperties.class).keyPrefix()).isEqualTo("adsgraph:");
		});
	}

	@Test
	void withRedisUnreachableAtStartTheContextStartsDegraded() throws Exception {
		try (ClosedPort closed = new ClosedPort()) {
			this.contextRunner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:" + closed.port())
				.run((context) -> {
					assertThat(context).hasNotFailed();
					RedisStatus status = context.getBean(RedisStatus.class);
					assertThat(status.degraded()).isTrue();
					assertThat(status.replicas()).isEqualTo(2);
					assertThat(context.getBean(ThrottleStore.class)).isInstanceOf(RedisThrottleStore.class);
				});
		}
	}

	@Test
	void hostPortDatabaseAndCredentialsAreBootsSettingsWhenThereIsNoUrl() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.data.redis.host", "redis.internal")
			.withProperty("spring.data.redis.port", "6380")
			.withProperty("spring.data.redis.database", "2")
			.withProperty("spring.data.redis.username", "gateway")
			.withProperty("spring.data.redis.password", "s3cret")
			.withProperty("spring.data.redis.ssl.enabled", "true");
		RedisURI uri = RedisConfiguration.redisUri(environment);
		assertThat(uri.getHost()).isEqualTo("redis.internal");
		assertThat(uri.getPort()).isEqualTo(6380);
		assertThat(uri.getDatabase()).isEqualTo(2);
		RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
		assertThat(credentials.getUsername()).isEqualTo("gateway");
		assertThat(credentials.getPassword()).containsExactly("s3cret".toCharArray());
		assertThat(uri.isSsl()).isTrue();
	}

	@Test
	void theUrlWinsOverHost() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.data.redis.url", "redis://:pw@cache.internal:6390/3")
			.withProperty("spring.data.redis.host", "ignored");
		RedisURI uri = RedisConfiguration.redisUri(environment);
		assertThat(uri.getHost()).isEqualTo("cache.internal");
		assertThat(uri.getPort()).isEqualTo(6390);
		assertThat(uri.getDatabase()).isEqualTo(3);
	}

}
