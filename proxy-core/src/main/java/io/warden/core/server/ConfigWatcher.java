package io.warden.core.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reloads when a config file changes. It watches the files' directories, not the files, so
 * editors that write a new file and rename it, and Kubernetes ConfigMaps that swap a symlink,
 * are seen too; bursts of changes within a quarter second become one reload.
 */
final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final long SETTLE_MILLIS = 250;

    private final WatchService watcher;
    private final Set<Path> names = new HashSet<>();
    private final Thread thread;
    private final Consumer<String> reload;

    ConfigWatcher(List<Path> files, Consumer<String> reload) throws IOException {
        this.watcher = FileSystems.getDefault().newWatchService();
        this.reload = reload;
        Set<Path> directories = new HashSet<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            names.add(absolute.getFileName());
            directories.add(absolute.getParent());
        }
        for (Path directory : directories) {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
        this.thread = new Thread(this::run, "warden-config-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean relevant = drain(key);
                WatchKey more;
                while ((more = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(more);
                }
                if (relevant) {
                    reload.accept("config file changed");
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("config watcher stopped; SIGHUP still reloads", e);
        }
    }

    private boolean drain(WatchKey key) {
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            Object context = event.context();
            // ..data is the symlink Kubernetes swaps when a mounted ConfigMap changes
            relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW
                    || context instanceof Path p && (names.contains(p) || p.toString().equals("..data"));
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("closing the config watcher failed", e);
        }
        thread.interrupt();
    }
}
