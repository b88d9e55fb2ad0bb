package dev.adsgraph.graphql;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import graphql.execution.AbortExecutionException;
import graphql.execution.ResultPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.graphql.execution.ErrorType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link GraphQlErrors} writes to the log: an execution cancelled because its caller
 * went away (graphql-java's {@link AbortExecutionException} in the fields still fetching,
 * as when a browser page is closed during a request) is one INFO line, not an internal
 * error; anything else unexpected stays an ERROR with its stack trace.
 */
class GraphQlErrorsLogTest {

	private final Logger logger = (Logger) LoggerFactory.getLogger(GraphQlErrors.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Level level;

	@BeforeEach
	void listen() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void stopListening() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
	}

	@Test
	void aCancelledExecutionIsAnInfoLineNotAnInternalError() {
		GraphQlErrors.Described described = GraphQlErrors.describe(
				new AbortExecutionException("Execution has been asked to be cancelled"), "cancelled-1",
				ResultPath.parse("/alerts"));

		List<ILoggingEvent> events = this.appender.list;
		assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO);
		assertThat(events.get(0).getFormattedMessage())
			.isEqualTo("Cancelled [correlationId=cancelled-1, path=/alerts]: the caller went away");
		assertThat(events.get(0).getThrowableProxy()).isNull();
		assertThat(described.type()).isEqualTo(ErrorType.INTERNAL_ERROR);
		assertThat(described.extensions()).containsEntry("code", "INTERNAL")
			.containsEntry("correlationId", "cancelled-1");
	}

	@Test
	void anUnexpectedExceptionIsStillAnInternalErrorWithItsStackTrace() {
		GraphQlErrors.describe(new IllegalStateException("a bug"), "bug-1", ResultPath.parse("/alerts"));
		GraphQlErrors.describe(new AbortExecutionException("aborted by a subclass of ours") {
		}, "bug-2", ResultPath.parse("/profiles"));

		assertThat(this.appender.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR, Level.ERROR);
		assertThat(this.appender.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly("Internal error [correlationId=bug-1, path=/alerts]",
					"Internal error [correlationId=bug-2, path=/profiles]");
		assertThat(this.appender.list).allSatisfy((event) -> assertThat(event.getThrowableProxy()).isNotNull());
	}

}
