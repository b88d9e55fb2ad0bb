package dev.adsgraph.watch;

import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WatchProperties.class)
class WatchConfiguration {

	/** In Redis mode ({@link RedisWatchConfiguration}) its pollers are the cluster's. */
	@Bean
	StatusWatcher statusWatcher(WatchProperties properties, ObjectProvider<WatchCluster> cluster) {
		return new StatusWatcher(properties, Schedulers.parallel(), cluster.getIfAvailable());
	}

}
