package io.warden.core.state;

import io.warden.rules.net.Cidr;
import io.warden.rules.net.IpAddresses;

/**
 * A source address folded into one long for the event index: an IPv4 address as its 32 bits,
 * an IPv6 address as its first 64 (its network). A network filter becomes a range of keys. Keys
 * may collide (an IPv6 address with a zero first half looks like an IPv4 one), so the index only
 * pre-selects: every candidate is checked against the real address afterwards.
 */
final class AddressKeys {

    /** The key of an event without a source address. */
    static final long NONE = -1L;

    private AddressKeys() {
    }

    static long of(String address) {
        byte[] b = IpAddresses.toBytes(address);
        if (b == null) {
            return NONE;
        }
        b = IpAddresses.unmapped(b);
        return b.length == 4 ? Integer.toUnsignedLong(firstInt(b)) : firstLong(b);
    }

    /** The inclusive range {lowest, highest} of keys the network's addresses have, compared unsigned. */
    static long[] range(Cidr network) {
        byte[] n = network.network();
        int prefix = network.prefixLength();
        if (n.length == 4) {
            long low = Integer.toUnsignedLong(firstInt(n));
            return new long[] {low, low | (0xFFFF_FFFFL >>> prefix)};
        }
        long low = firstLong(n);
        if (prefix >= 64) {
            return new long[] {low, low};
        }
        return new long[] {low, prefix == 0 ? -1L : low | (-1L >>> prefix)};
    }

    static boolean within(long key, long[] range) {
        return Long.compareUnsigned(key, range[0]) >= 0 && Long.compareUnsigned(key, range[1]) <= 0;
    }

    private static int firstInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
    }

    private static long firstLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | b[i] & 0xff;
        }
        return v;
    }
}
