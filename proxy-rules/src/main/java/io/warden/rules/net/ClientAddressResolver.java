package io.warden.rules.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Decides which address a request comes from. {@code X-Forwarded-For} is believed only as far as
 * a chain of trusted proxies vouches for it: it is read from the right, each hop trusted in turn,
 * and the first address not in {@code trustedProxies} is the client. Reading from the left would
 * let any client pick its own address by sending the header itself.
 */
public final class ClientAddressResolver {

    private final CidrSet trustedProxies;

    public ClientAddressResolver(CidrSet trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    public boolean isTrusted(InetAddress peer) {
        return trustedProxies.contains(peer);
    }

    /**
     * @param peer the address of the TCP peer
     * @param forwardedFor every {@code X-Forwarded-For} value in order (several headers are one list)
     */
    public ClientAddress resolve(InetAddress peer, List<String> forwardedFor) {
        InetAddress current = peer;
        if (!trustedProxies.contains(current) || forwardedFor.isEmpty()) {
            return ClientAddress.of(current);
        }
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String value = forwardedFor.get(h);
            int end = value.length();
            while (end > 0) {
                int start = value.lastIndexOf(',', end - 1);
                String entry = value.substring(start + 1, end).trim();
                end = Math.max(start, 0);
                if (entry.isEmpty()) {
                    continue;
                }
                Optional<InetAddress> hop = IpAddresses.parse(stripPort(entry));
                if (hop.isEmpty()) {
                    return ClientAddress.of(current);
                }
                current = hop.get();
                if (!trustedProxies.contains(current)) {
                    return ClientAddress.of(current);
                }
            }
        }
        return ClientAddress.of(current);
    }

    private static String stripPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close > 0 ? entry.substring(1, close) : entry;
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && entry.indexOf(':', colon + 1) < 0) {
            return entry.substring(0, colon);
        }
        return entry;
    }
}
