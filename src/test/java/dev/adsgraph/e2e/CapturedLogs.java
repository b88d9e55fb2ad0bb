package dev.adsgraph.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the running application from {@link #attach()} to {@link #close()},
 * as the text a log file would hold: level, logger, message and any stack trace. Attach
 * it after the application started, since Boot resets Logback while starting.
 */
final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

	private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

	static CapturedLogs attach() {
		CapturedLogs logs = new CapturedLogs();
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		logs.setContext(context);
		logs.setName("captured-" + System.identityHashCode(logs));
		logs.start();
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
		return logs;
	}

	@Override
	protected void append(ILoggingEvent event) {
		event.prepareForDeferredProcessing();
		this.events.add(event);
	}

	/** Everything captured, one event after the other, stack traces included. */
	String text() {
		StringBuilder text = new StringBuilder();
		for (ILoggingEvent event : this.events) {
			text.append(event.getLevel())
				.append(' ')
				.append(event.getLoggerName())
				.append(" : ")
				.append(event.getFormattedMessage())
				.append('\n');
			for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
				text.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
				for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
					text.append("\tat ").append(frame.getStackTraceElement()).append('\n');
				}
			}
		}
		return text.toString();
	}

	/** The events at ERROR level, formatted as {@link #text()} formats them. */
	List<String> errors() {
		return this.events.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.map((event) -> event.getLoggerName() + " : " + event.getFormattedMessage())
			.toList();
	}

	@Override
	public void close() {
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.detachAppender(this);
		stop();
	}

}
