package io.warden.rules.net;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The address Warden holds responsible for a request: the peer, or the client a trusted proxy
 * named. {@code text} is canonical, so it can key limits and blocks.
 */
public record ClientAddress(InetAddress address, String text) {

    public ClientAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
    }

    public static ClientAddress of(InetAddress address) {
        return new ClientAddress(address, IpAddresses.canonical(address));
    }

    public boolean isIpv6() {
        return IpAddresses.unmapped(address.getAddress()).length == 16;
    }
}
