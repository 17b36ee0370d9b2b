package io.warden.rules.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A small set of networks, checked in order; lists here are short (trusted proxies, allow-lists). */
public final class CidrSet {

    private static final CidrSet EMPTY = new CidrSet(List.of());

    private final List<Cidr> networks;

    private CidrSet(List<Cidr> networks) {
        this.networks = networks;
    }

    public static CidrSet empty() {
        return EMPTY;
    }

    /** @throws IllegalArgumentException naming the first entry that is not a CIDR */
    public static CidrSet parse(Collection<String> entries) {
        if (entries == null || entries.isEmpty()) {
            return EMPTY;
        }
        List<Cidr> parsed = new ArrayList<>(entries.size());
        for (String entry : entries) {
            parsed.add(Cidr.parse(entry));
        }
        return new CidrSet(List.copyOf(parsed));
    }

    public boolean contains(InetAddress address) {
        return !networks.isEmpty() && contains(address.getAddress());
    }

    public boolean contains(byte[] address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public List<Cidr> networks() {
        return networks;
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}
