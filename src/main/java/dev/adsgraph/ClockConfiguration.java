package dev.adsgraph;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the gateway reads the time from (UTC), so that a test can replace it with
 * a fixed or moving one. Intervals measured for metrics use {@link System#nanoTime()}.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
