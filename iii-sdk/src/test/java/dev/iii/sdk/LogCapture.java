package dev.iii.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Everything logged under a logger while it is open, at every level down to DEBUG, for assertions. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Appender<ILoggingEvent>> setAside = new ArrayList<>();

    /** What the SDK logs. */
    LogCapture() {
        this("dev.iii");
    }

    /** What {@code name} and the loggers under it log; {@code Logger.ROOT_LOGGER_NAME} for everything. */
    LogCapture(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        previous = logger.getLevel();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        // Captured, not printed: the console keeps the build's own level. The root has no parent to stop at, so
        // its own appenders are set aside meanwhile.
        logger.setAdditive(false);
        logger.iteratorForAppenders().forEachRemaining(setAside::add);
        setAside.remove(appender);
        setAside.forEach(logger::detachAppender);
    }

    /** The formatted lines logged at {@code level} or above. */
    List<String> lines(Level level) {
        return lines(level, "", level);
    }

    /** The formatted lines logged at {@code level} or above, but under {@code quieter} only at {@code from} or above. */
    List<String> lines(Level level, String quieter, Level from) {
        List<ILoggingEvent> events;
        // The appender adds under its own monitor, from whichever thread logs.
        synchronized (appender) {
            events = new ArrayList<>(appender.list);
        }
        return events.stream().filter(event -> event.getLevel().isGreaterOrEqual(
                event.getLoggerName().startsWith(quieter) ? from : level))
                .map(event -> event.getLevel() + " " + event.getFormattedMessage()
                        + (event.getThrowableProxy() != null ? " " + event.getThrowableProxy().getMessage() : ""))
                .collect(Collectors.toList());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        setAside.forEach(logger::addAppender);
        setAside.clear();
        logger.setLevel(previous);
        logger.setAdditive(true);
    }
}
