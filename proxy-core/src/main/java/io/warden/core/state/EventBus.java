package io.warden.core.state;

import io.warden.rules.events.EventSink;
import io.warden.rules.events.SecurityEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Carries security events from the data plane to their subscribers (event log, threat tracker,
 * security log). {@link #emit} is a bounded, non-blocking enqueue: when the queue is full the
 * event is dropped and counted, so a flood of attacks can never stall request handling.
 * Closing delivers everything already queued before it returns.
 */
public final class EventBus implements EventSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final int BATCH = 512;

    private final BlockingQueue<SecurityEvent> queue;
    private final int capacity;
    private final List<EventSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final LongAdder emitted = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Thread worker;
    private volatile boolean closing;

    public EventBus(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
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

    public int capacity() {
        return capacity;
    }

    /** Events waiting for delivery. */
    public int backlog() {
        return queue.size();
    }

    private void run() {
        List<SecurityEvent> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                SecurityEvent first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                deliver(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
    }

    @Override
    public void close() {
        closing = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<SecurityEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        if (!rest.isEmpty()) {
            deliver(rest);
        }
        for (EventSubscriber subscriber : subscribers) {
            subscriber.close();
        }
    }
}
