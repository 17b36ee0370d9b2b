package io.warden.core.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import io.warden.rules.config.LogFormat;
import io.warden.rules.config.LoggingConfig;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/** Applies {@code logging:} to logback: JSON for log shippers switches every console appender's encoder. */
public final class LoggingSetup {

    private LoggingSetup() {
    }

    public static void apply(LoggingConfig logging) {
        if (logging.format() != LogFormat.JSON
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLoggerList().forEach(logger -> logger.iteratorForAppenders().forEachRemaining(
                appender -> toJson(context, appender)));
    }

    private static void toJson(LoggerContext context, Appender<ILoggingEvent> appender) {
        if (appender instanceof AppenderAttachable<?> attachable) {
            @SuppressWarnings("unchecked")
            Iterator<Appender<ILoggingEvent>> nested =
                    ((AppenderAttachable<ILoggingEvent>) attachable).iteratorForAppenders();
            nested.forEachRemaining(inner -> toJson(context, inner));
            return;
        }
        if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.start();
            stream.stop();
            stream.setEncoder(encoder);
            stream.start();
        }
    }
}
