package io.warden.core.log;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import io.warden.rules.config.LogFormat;
import io.warden.rules.config.LoggingConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each test uses a private logback context, so the process's own logging is left alone. */
class LoggingSetupTest {

    @TempDir
    Path dir;

    private final LoggerContext context = new LoggerContext();

    @BeforeEach
    void mdc() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void logFileRollsOverBySizeWithoutLosingALine() throws Exception {
        Path file = dir.resolve("logs/warden.log");
        LoggingSetup.apply(fileConfig(LogFormat.TEXT, file, "1KB"), withStdout());
        Logger log = context.getLogger("warden.access");
        for (int i = 0; i < 200; i++) {
            log.info("line-{} {}", String.format("%03d", i), "x".repeat(60));
        }
        context.stop();

        List<Path> archives = archives(file);
        assertThat(archives).as("~20 KB through a 1 KB limit rolls over many times").hasSizeGreaterThan(5);
        assertThat(archives).allSatisfy(a -> assertThat(a.getFileName().toString())
                .matches("warden\\.log\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.gz"));
        List<String> lines = allLines(file);
        assertThat(lines).as("every line is in the active file or an archive, once")
                .filteredOn(l -> l.contains("line-")).hasSize(200);
        assertThat(lines.get(0)).as("the text layout of standard output")
                .matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z INFO  warden.access - line-\\d{3} x+");
    }

    @Test
    void logFileRollsOverAtMidnight() throws Exception {
        Path file = dir.resolve("warden.log");
        LoggingSetup.apply(fileConfig(LogFormat.TEXT, file, "100MB"), withStdout());
        Logger log = context.getLogger("io.warden.core.server.Warden");
        log.info("before midnight");
        RollingFileAppender<ILoggingEvent> appender = (RollingFileAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LoggingSetup.FILE_APPENDER);
        var policy = (SizeAndTimeBasedRollingPolicy<ILoggingEvent>) appender.getRollingPolicy();
        LocalDate today = LocalDate.now();
        policy.getTimeBasedFileNamingAndTriggeringPolicy().setCurrentTime(
                today.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant().toEpochMilli() + 1);
        log.info("after midnight");
        context.stop();

        assertThat(archives(file)).extracting(p -> p.getFileName().toString())
                .containsExactly("warden.log." + today + ".0.gz");
        assertThat(gunzip(archives(file).get(0))).contains("before midnight").doesNotContain("after midnight");
        assertThat(Files.readString(file)).contains("after midnight").doesNotContain("before midnight");
    }

    @Test
    void jsonFormatAppliesToTheFile() throws Exception {
        Path file = dir.resolve("warden.log");
        LoggingSetup.apply(fileConfig(LogFormat.JSON, file, "100MB"), withStdout());
        context.getLogger("warden.security").info("an event");
        context.stop();
        assertThat(Files.readAllLines(file)).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{").contains("\"loggerName\":\"warden.security\"").contains("\"message\":\"an event\""));
    }

    @Test
    void withoutAFileStandardOutputStays() {
        LoggingSetup.apply(LoggingConfig.defaults(), withStdout());
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNotNull();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LoggingSetup.FILE_APPENDER)).isNull();
    }

    @Test
    void anUnwritableFileIsRefusedNamingTheKey() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> LoggingSetup.apply(
                fileConfig(LogFormat.TEXT, notADirectory.resolve("warden.log"), "1MB"), withStdout()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("logging.file: cannot write");
    }

    @Test
    void textPatternIsTheOneOfStandardOutput() throws Exception {
        try (InputStream xml = LoggingSetup.class.getResourceAsStream("/logback.xml")) {
            assertThat(new String(xml.readAllBytes(), StandardCharsets.UTF_8))
                    .as("a log file and standard output read alike").contains(LoggingSetup.TEXT_PATTERN);
        }
    }

    private LoggerContext withStdout() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(LoggingSetup.TEXT_PATTERN);
        encoder.start();
        BufferedStdoutAppender<ILoggingEvent> stdout = new BufferedStdoutAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(stdout);
        return context;
    }

    private static LoggingConfig fileConfig(LogFormat format, Path file, String maxFileSize) {
        return new LoggingConfig(format, true, file.toString(), maxFileSize, 7, "1GB");
    }

    /** Archives are compressed in the background; wait until no half-written one is left. */
    private static List<Path> archives(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Path> all;
            try (Stream<Path> files = Files.list(file.getParent())) {
                all = files.filter(p -> !p.equals(file)).sorted().toList();
            }
            boolean settled = all.stream().allMatch(p -> p.toString().endsWith(".gz"));
            if (settled || System.nanoTime() > deadline) {
                return all;
            }
            Thread.sleep(20);
        }
    }

    private static List<String> allLines(Path file) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path archive : archives(file)) {
            lines.addAll(gunzip(archive).lines().toList());
        }
        lines.addAll(Files.readAllLines(file));
        return lines;
    }

    private static String gunzip(Path archive) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
