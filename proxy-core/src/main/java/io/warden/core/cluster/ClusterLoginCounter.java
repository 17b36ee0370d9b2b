package io.warden.core.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ScriptOutputType;
import io.warden.rules.ratelimit.KeyCounter;
import io.warden.rules.ratelimit.WindowCounter;
import io.warden.rules.time.Ticker;

import java.time.Duration;

/**
 * Failed logins per address counted across the fleet. Each failure is counted locally (the answer,
 * without waiting) and added to the Redis counter {@code <prefix>logins:<key>}, which expires with
 * the window; the count answered is the larger of the local one and the fleet's last seen plus this
 * failure. An attacker who spreads attempts over instances is locked out as soon as the fleet's
 * answer to the previous attempt has arrived (well under a millisecond on a local network).
 * While Redis is lost, counting is local.
 */
public final class ClusterLoginCounter implements KeyCounter {

    private static final String INCREMENT = """
            local c = redis.call('INCR', KEYS[1])
            if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return c
            """;

    private final RedisLink link;
    private final WindowCounter local;
    private final Cache<String, Integer> fleet;
    private final String prefix;
    private final String windowMillis;

    public ClusterLoginCounter(RedisLink link, long maximumKeys, Duration window, Ticker ticker) {
        this.link = link;
        this.local = new WindowCounter(maximumKeys, window, ticker);
        this.fleet = Caffeine.newBuilder().maximumSize(maximumKeys).expireAfterWrite(window).ticker(ticker::nanos)
                .executor(Runnable::run).build();
        this.prefix = link.key("logins:");
        this.windowMillis = Long.toString(window.toMillis());
    }

    @Override
    public int increment(String key) {
        int counted = local.increment(key);
        Integer seen = fleet.getIfPresent(key);
        if (link.up()) {
            link.<Long>eval(INCREMENT, ScriptOutputType.INTEGER, new String[] {prefix + key}, windowMillis)
                    .thenAccept(total -> fleet.asMap().merge(key, total.intValue(), Math::max));
        }
        return seen == null ? counted : Math.max(counted, seen + 1);
    }

    @Override
    public void reset(String key) {
        local.reset(key);
        fleet.invalidate(key);
        if (link.up()) {
            link.call(c -> c.del(prefix + key));
        }
    }
}
