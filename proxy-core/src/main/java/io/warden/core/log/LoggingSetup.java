package io.warden.core.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.FileSize;
import io.warden.rules.config.LogFormat;
import io.warden.rules.config.LoggingConfig;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code logging:} to logback at start, so it works from the jar without editing
 * logback.xml: {@code format: json} switches every encoder to logback's JSON encoder (for log
 * shippers), and {@code file} moves what went to standard output into a rolling file.
 */
public final class LoggingSetup {

    /** The text layout, the same as logback.xml's for standard output. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level %logger{24} - %msg%n";
    static final String FILE_APPENDER = "FILE";

    private LoggingSetup() {
    }

    /**
     * @throws IllegalStateException when {@code logging.file} cannot be opened for writing
     */
    public static void apply(LoggingConfig logging) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            apply(logging, context);
        }
    }

    static void apply(LoggingConfig logging, LoggerContext context) {
        boolean json = logging.format() == LogFormat.JSON;
        Appender<ILoggingEvent> file = logging.file() == null ? null : rollingFile(context, logging, json);
        for (Logger logger : context.getLoggerList()) {
            rewire(context, logger, file, json);
        }
    }

    /** Walks a logger's appenders (and those nested in e.g. an AsyncAppender). */
    private static void rewire(LoggerContext context, AppenderAttachable<ILoggingEvent> parent,
                               Appender<ILoggingEvent> file, boolean json) {
        List<Appender<ILoggingEvent>> children = new ArrayList<>();
        parent.iteratorForAppenders().forEachRemaining(children::add);
        for (Appender<ILoggingEvent> child : children) {
            if (child == file) {
                continue;
            }
            if (child instanceof AppenderAttachable<?> nested) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> attachable = (AppenderAttachable<ILoggingEvent>) nested;
                rewire(context, attachable, file, json);
            } else if (file != null && (child instanceof BufferedStdoutAppender || child instanceof ConsoleAppender)) {
                parent.detachAppender(child);
                child.stop();
                parent.addAppender(file);
            } else if (json && child instanceof OutputStreamAppender<ILoggingEvent> stream) {
                stream.stop();
                stream.setEncoder(encoder(context, true));
                stream.start();
            }
        }
    }

    /**
     * Rolled over at midnight and at {@code maxFileSize}, into gzipped files next to it
     * ({@code warden.log.2026-11-01.0.gz}); {@code maxHistory} days and {@code totalSizeCap} bound
     * what is kept.
     */
    private static Appender<ILoggingEvent> rollingFile(LoggerContext context, LoggingConfig logging, boolean json) {
        Path path = Path.of(logging.file()).toAbsolutePath();
        try {
            Files.createDirectories(path.getParent());
            Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
        } catch (IOException e) {
            throw new IllegalStateException("logging.file: cannot write '" + path + "': " + e, e);
        }
        BufferedRollingFileAppender<ILoggingEvent> appender = new BufferedRollingFileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(path.toString());
        appender.setEncoder(encoder(context, json));

        RetainingRollingPolicy<ILoggingEvent> policy = new RetainingRollingPolicy<>(path, logging.maxHistory(),
                logging.totalSizeCapBytes());
        policy.setContext(context);
        policy.setParent(appender);
        policy.setFileNamePattern(path + ".%d{yyyy-MM-dd}.%i.gz");
        policy.setMaxFileSize(new FileSize(logging.maxFileSizeBytes()));
        policy.start();
        appender.setRollingPolicy(policy);
        appender.start();
        if (!appender.isStarted()) {
            String why = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(status -> status.getLevel() == Status.ERROR)
                    .reduce((first, last) -> last).map(Status::getMessage).orElse("unknown reason");
            throw new IllegalStateException("logging.file: cannot log to '" + path + "': " + why);
        }
        return appender;
    }

    private static Encoder<ILoggingEvent> encoder(LoggerContext context, boolean json) {
        if (json) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            encoder.start();
            return encoder;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }
}
