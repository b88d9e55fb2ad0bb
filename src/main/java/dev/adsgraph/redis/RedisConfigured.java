package dev.adsgraph.redis;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when Boot's standard Redis connection is configured:
 * {@code spring.data.redis.url} or {@code spring.data.redis.host}. Without either,
 * nothing connects to Redis.
 */
public class RedisConfigured extends SpringBootCondition {

	static final String URL = "spring.data.redis.url";

	static final String HOST = "spring.data.redis.host";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		for (String property : new String[] { URL, HOST }) {
			if (StringUtils.hasText(context.getEnvironment().getProperty(property))) {
				return ConditionOutcome.match(property + " is set");
			}
		}
		return ConditionOutcome.noMatch("neither " + URL + " nor " + HOST + " is set");
	}

}
