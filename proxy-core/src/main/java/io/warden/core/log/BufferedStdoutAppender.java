package io.warden.core.log;

import ch.qos.logback.core.OutputStreamAppender;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output through a 64 KiB buffer, flushed when full and every {@code flushMillis}.
 * logback's console appender writes through {@code System.out}, which flushes (one syscall)
 * per line; at tens of thousands of requests a second that cost more CPU than proxying them.
 * Behind an {@code AsyncAppender} the lines reach the terminal or journal within the flush
 * interval, and the buffer is flushed on stop.
 *
 * @param <E> the logging event type
 */
public final class BufferedStdoutAppender<E> extends OutputStreamAppender<E> {

    private long flushMillis = 200;
    private PeriodicFlusher flusher;

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    @Override
    public void start() {
        setImmediateFlush(false);
        setOutputStream(new BufferedOutputStream(new StandardOutput(), 64 * 1024));
        super.start();
        flusher = new PeriodicFlusher("warden-log-flush", flushMillis, this::flushQuietly);
    }

    @Override
    public void stop() {
        if (flusher != null) {
            flusher.close();
        }
        flushQuietly();
        super.stop();
    }

    /** File descriptor 1, which closing this appender (e.g. to change its encoder) must leave open. */
    private static final class StandardOutput extends OutputStream {
        private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    private void flushQuietly() {
        streamWriteLock.lock();
        try {
            if (getOutputStream() != null) {
                getOutputStream().flush();
            }
        } catch (IOException e) {
            addError("cannot flush standard output", e);
        } finally {
            streamWriteLock.unlock();
        }
    }
}
