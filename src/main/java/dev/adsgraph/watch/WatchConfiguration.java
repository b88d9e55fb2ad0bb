package dev.adsgraph.watch;

import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WatchProperties.class)
class WatchConfiguration {

	@Bean
	StatusWatcher statusWatcher(WatchProperties properties) {
		return new StatusWatcher(properties, Schedulers.parallel());
	}

}
