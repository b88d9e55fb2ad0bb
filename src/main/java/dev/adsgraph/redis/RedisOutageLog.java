package dev.adsgraph.redis;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

/**
 * Logs a shared cache's Redis failures once per outage: the first failure at warn, the
 * following ones at debug, and the first success after them at info. A cache whose Redis
 * is down answers from memory or upstream on every request, so a warning per request
 * would only flood the log.
 */
public final class RedisOutageLog {

	private final Logger logger;

	private final String what;

	private final AtomicBoolean failing = new AtomicBoolean();

	/**
	 * @param what the shared thing, as the messages name it ("the shared profile cache")
	 */
	public RedisOutageLog(Logger logger, String what) {
		this.logger = logger;
		this.what = what;
	}

	/** A command failed (or timed out); the caller goes on without it. */
	public void failed(String action, Throwable ex) {
		if (this.failing.compareAndSet(false, true)) {
			this.logger.warn("Redis did not answer {} ({}); going on without it until it does: {}", this.what, action,
					ex.toString());
		}
		else {
			this.logger.debug("Redis did not answer {} ({}): {}", this.what, action, ex.toString());
		}
	}

	/** A command succeeded. */
	public void succeeded() {
		if (this.failing.get() && this.failing.compareAndSet(true, false)) {
			this.logger.info("Redis answers {} again", this.what);
		}
	}

}
