package io.warden.core.state;

import io.netty.util.internal.PlatformDependent;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Carries security events from the data plane to their subscribers (event log, threat tracker,
 * security log). {@link #emit} is a bounded, non-blocking enqueue into a lock-free queue: when the
 * queue is full the event is dropped and counted, so a flood of attacks can never stall request
 * handling. Nothing wakes the delivery thread per event (under attack that would be a thread
 * wake-up per event): it drains the queue in batches and parks a few milliseconds when idle.
 * Closing delivers everything already queued before it returns.
 */
public final class EventBus implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final int BATCH = 512;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Queue<SecurityEvent> queue;
    private final int capacity;
    private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final LongAdder emitted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final Thread worker;
    private volatile boolean closing;

    public EventBus(int capacity) {
        this.queue = PlatformDependent.newFixedMpscQueue(capacity);
        this.capacity = capacity;
        this.worker = new Thread(this::run, "warden-events");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    public void subscribe(EventSubscriber subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void emit(SecurityEvent event) {
        if (queue.offer(event)) {
            emitted.increment();
        } else {
            dropped.increment();
        }
    }

    public long emitted() {
        return emitted.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    /** Events handed to the subscribers so far. */
    public long delivered() {
        return delivered.sum();
    }

    public int capacity() {
        return capacity;
    }

    /** Events waiting for delivery. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<SecurityEvent> batch = new ArrayList<>(BATCH);
        long lastTick = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now - lastTick >= TICK_NANOS) {
                lastTick = now;
                tick();
            }
            SecurityEvent next;
            while (batch.size() < BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                deliver(batch);
                batch.clear();
                continue;
            }
            if (closing) {
                return;
            }
            LockSupport.parkNanos(IDLE_PARK_NANOS);
        }
    }

    private void deliver(List<SecurityEvent> batch) {
        List<SecurityEvent> view = List.copyOf(batch);
        for (EventSubscriber subscriber : subscribers) {
            try {
                subscriber.onEvents(view);
            } catch (RuntimeException e) {
                LOG.error("event subscriber {} failed on a batch of {}", subscriber.getClass().getSimpleName(),
                        view.size(), e);
            }
        }
        delivered.add(view.size());
    }

    private void tick() {
        for (EventSubscriber subscriber : subscribers) {
            try {
                subscriber.tick();
            } catch (RuntimeException e) {
                LOG.error("event subscriber {} failed on its tick", subscriber.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // subscribers may emit while they take the last batches (escalations): deliver until none is left
        List<SecurityEvent> rest = new ArrayList<>();
        do {
            rest.clear();
            SecurityEvent next;
            while ((next = queue.poll()) != null) {
                rest.add(next);
            }
            if (!rest.isEmpty()) {
                deliver(rest);
            }
        } while (!rest.isEmpty());
        for (EventSubscriber subscriber : subscribers) {
            subscriber.close();
        }
    }
}
