package io.warden.rules.ratelimit;

import io.warden.rules.net.Cidr;
import io.warden.rules.net.ClientAddress;
import io.warden.rules.net.IpAddresses;
import io.warden.rules.pipeline.Identity;

/**
 * The keys limits and blocks count against. An IPv4 client is its address; an IPv6 client is its
 * network ({@code /64} by default), because one customer gets a whole /64 and could otherwise
 * rotate through 2^64 addresses to escape. IPv4-mapped IPv6 addresses are their IPv4 client.
 */
public final class ClientKeys {

    private final int ipv6Prefix;

    public ClientKeys(int ipv6Prefix) {
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ipv6Prefix must be in 1..128, got " + ipv6Prefix);
        }
        this.ipv6Prefix = ipv6Prefix;
    }

    /** e.g. {@code 203.0.113.7} or {@code 2001:db8:1:2::/64}. */
    public String addressKey(ClientAddress client) {
        return addressKey(client.address().getAddress());
    }

    public String addressKey(byte[] address) {
        byte[] a = IpAddresses.unmapped(address);
        if (a.length == 4 || ipv6Prefix == 128) {
            return IpAddresses.canonical(a);
        }
        return IpAddresses.canonical(Cidr.mask(a, ipv6Prefix)) + "/" + ipv6Prefix;
    }

    /** The address key for an IP literal, or null when the text is not one. */
    public String addressKey(String address) {
        byte[] bytes = IpAddresses.toBytes(address);
        return bytes == null ? null : addressKey(bytes);
    }

    /** A verified user's key; prefixed so it can never equal an address key. */
    public static String userKey(Identity identity) {
        return "user:" + identity.subject();
    }

    /** The key for {@code keyBy}: the user when there is a verified one and the policy asks for it. */
    public String key(KeyBy keyBy, ClientAddress client, Identity identity) {
        return keyBy == KeyBy.USER && identity != null ? userKey(identity) : addressKey(client);
    }
}
