package io.warden.core.cluster;

import io.warden.rules.ratelimit.KeyCounter;
import io.warden.rules.ratelimit.WindowCounter;
import io.warden.rules.time.Ticker;

import java.time.Duration;

/**
 * Failed logins per address counted across the fleet. Every instance counts, in its own window
 * counter, the failures it sees and those the others publish on the channel {@code <prefix>logins};
 * so the count answered (without waiting) includes failures at other instances up to the last
 * sub-millisecond, and an attacker who spreads attempts over instances is locked out at the same
 * count as on one — provided the attempts come slower than a message crosses Redis (well under a
 * millisecond on a LAN); attempts fired faster, in parallel at several instances, may get a try or
 * two more before the lockout. A success resets the count everywhere. While Redis is lost,
 * counting is local.
 */
public final class ClusterLoginCounter implements KeyCounter {

    private final RedisLink link;
    private final WindowCounter counts;
    private final String channel;

    public ClusterLoginCounter(RedisLink link, long maximumKeys, Duration window, Ticker ticker) {
        this.link = link;
        this.counts = new WindowCounter(maximumKeys, window, ticker);
        this.channel = link.key("logins");
        link.subscribe(channel, this::onMessage);
    }

    @Override
    public int increment(String key) {
        int counted = counts.increment(key);
        publish("+", key);
        return counted;
    }

    @Override
    public void reset(String key) {
        counts.reset(key);
        publish("-", key);
    }

    private void publish(String op, String key) {
        if (link.up()) {
            String message = link.instanceId() + " " + op + " " + key;
            link.call(c -> c.publish(channel, message));
        }
    }

    private void onMessage(String message) {
        String[] parts = message.split(" ", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a login count");
        }
        if (parts[0].equals(link.instanceId())) {
            return;
        }
        if ("+".equals(parts[1])) {
            counts.increment(parts[2]);
        } else {
            counts.reset(parts[2]);
        }
    }
}
