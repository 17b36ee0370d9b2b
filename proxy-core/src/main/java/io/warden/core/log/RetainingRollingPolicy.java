package io.warden.core.log;

import ch.qos.logback.core.rolling.RolloverFailure;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Logback's size-and-time rolling with {@link LogArchiveRetention} in place of logback's own
 * archive remover: old archives are deleted in the rollover that makes a new one, never by
 * several cleaners at once.
 *
 * @param <E> the logging event type
 */
final class RetainingRollingPolicy<E> extends SizeAndTimeBasedRollingPolicy<E> {

    private final LogArchiveRetention retention;

    RetainingRollingPolicy(Path activeFile, int maxHistoryDays, long totalSizeCapBytes) {
        this.retention = new LogArchiveRetention(activeFile, maxHistoryDays, totalSizeCapBytes);
    }

    @Override
    public void start() {
        super.start();
        applyRetention();
    }

    @Override
    public void rollover() throws RolloverFailure {
        super.rollover();
        applyRetention();
    }

    private void applyRetention() {
        try {
            retention.apply(LocalDate.now());
        } catch (IOException e) {
            addError("cannot apply logging.maxHistory / logging.totalSizeCap", e);
        }
    }
}
