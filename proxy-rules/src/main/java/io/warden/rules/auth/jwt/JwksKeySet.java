package io.warden.rules.auth.jwt;

import io.warden.rules.time.Ticker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys of a JWKS document, replaced whole whenever core feeds a fresh one ({@link #update}).
 * Fetching is core's job; this class only decides. A document that cannot be used leaves the
 * previous keys in place, so an outage or a bad answer of the key server never empties the set.
 *
 * <p>A token whose key id is unknown (key rotation) asks for a refresh through the
 * {@link KeyRefreshListener}, at most once per {@code minRefreshInterval}, so tokens with made-up
 * key ids cannot turn Warden into a flood of fetches. Lookups are lock-free and thread-safe.
 */
public final class JwksKeySet implements KeyResolver {

    private final Ticker ticker;
    private final long minRefreshNanos;
    private final KeyRefreshListener listener;
    private final AtomicLong lastRequestNanos;
    private volatile List<VerificationKey> keys = List.of();

    public JwksKeySet(Ticker ticker, Duration minRefreshInterval, KeyRefreshListener listener) {
        if (minRefreshInterval.isNegative()) {
            throw new IllegalArgumentException("minRefreshInterval must be >= 0, got " + minRefreshInterval);
        }
        this.ticker = ticker;
        this.minRefreshNanos = minRefreshInterval.toNanos();
        this.listener = listener;
        this.lastRequestNanos = new AtomicLong(ticker.nanos() - minRefreshNanos);
    }

    /**
     * Replaces the keys with those of a freshly fetched or read document.
     *
     * @return what was taken and skipped, for core to log
     * @throws IllegalArgumentException when the document is unusable; the previous keys stay
     */
    public JwksParser.Document update(String json) {
        JwksParser.Document document = JwksParser.parse(json);
        keys = document.keys();
        return document;
    }

    @Override
    public KeyLookup lookup(JwtAlgorithm alg, String kid) {
        List<VerificationKey> current = keys;
        List<VerificationKey> found = null;
        boolean kidKnown = false;
        for (VerificationKey key : current) {
            kidKnown |= kid != null && kid.equals(key.kid());
            if (key.matches(alg, kid)) {
                if (found == null) {
                    found = new ArrayList<>(2);
                }
                found.add(key);
            }
        }
        if (found != null) {
            return new KeyLookup(found, false);
        }
        boolean unknown = current.isEmpty() || (kid != null && !kidKnown);
        return unknown && requestRefresh() ? new KeyLookup(List.of(), true) : KeyLookup.none();
    }

    /** The current keys, e.g. for the health view. */
    public List<VerificationKey> keys() {
        return keys;
    }

    private boolean requestRefresh() {
        long now = ticker.nanos();
        long last = lastRequestNanos.get();
        if (now - last < minRefreshNanos || !lastRequestNanos.compareAndSet(last, now)) {
            return false;
        }
        listener.refreshRequested();
        return true;
    }
}
