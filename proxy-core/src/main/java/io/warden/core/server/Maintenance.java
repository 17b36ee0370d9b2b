package io.warden.core.server;

import io.warden.core.state.BlockListStore;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.SecurityEvent;
import io.warden.rules.ratelimit.block.BlockList;
import io.warden.rules.ratelimit.block.BlockSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background upkeep on one thread of its own, never an event loop: blocks that expired are
 * released (with their IP_UNBLOCKED events) and the block list is saved within a second of any
 * change, so a crash loses at most the last second of blocks and a graceful stop loses none.
 */
final class Maintenance implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final BlockList blocks;
    private final BlockListStore store;
    private final EventSink events;
    private final ScheduledExecutorService executor;
    private BlockSnapshot saved;

    Maintenance(BlockList blocks, BlockListStore store, EventSink events) {
        this.blocks = blocks;
        this.store = store;
        this.events = events;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    /** Restores the saved blocks and starts the upkeep; returns how many blocks came back. */
    int start() {
        saved = store.load();
        int restored = blocks.restore(saved);
        executor.scheduleWithFixedDelay(this::run, 1, 1, TimeUnit.SECONDS);
        return restored;
    }

    private void run() {
        try {
            for (SecurityEvent released : blocks.sweep()) {
                events.emit(released);
            }
            persist();
        } catch (RuntimeException e) {
            LOG.error("maintenance run failed", e);
        }
    }

    private void persist() {
        BlockSnapshot now = blocks.snapshot();
        if (now.equals(saved)) {
            return;
        }
        try {
            store.save(now);
            saved = now;
        } catch (IOException e) {
            LOG.error("cannot save the block list: {}", e.getMessage());
        }
    }

    /** Stops the upkeep and saves the block list one last time. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        persist();
    }
}
