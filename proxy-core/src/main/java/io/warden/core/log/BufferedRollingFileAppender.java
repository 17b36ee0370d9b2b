package io.warden.core.log;

import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.util.FileSize;

import java.io.IOException;

/**
 * A rolling log file written through a 64 KiB buffer, flushed when full and every
 * {@code flushMillis}, for the same reason as {@link BufferedStdoutAppender}: a write call per
 * line costs more CPU than proxying the request it describes. A crash loses at most the last
 * flush interval; the buffer is flushed on stop and before every rollover.
 *
 * @param <E> the logging event type
 */
public final class BufferedRollingFileAppender<E> extends RollingFileAppender<E> {

    private long flushMillis = 200;
    private PeriodicFlusher flusher;

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    @Override
    public void start() {
        setImmediateFlush(false);
        setBufferSize(new FileSize(64 * 1024));
        super.start();
        if (!isStarted()) {
            return;
        }
        flusher = new PeriodicFlusher("warden-log-file-flush", flushMillis, this::flushQuietly);
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.close();
        }
        flushQuietly();
        super.stop();
    }

    private void flushQuietly() {
        streamWriteLock.lock();
        try {
            if (getOutputStream() != null) {
                getOutputStream().flush();
            }
        } catch (IOException e) {
            addError("cannot flush " + getFile(), e);
        } finally {
            streamWriteLock.unlock();
        }
    }
}
