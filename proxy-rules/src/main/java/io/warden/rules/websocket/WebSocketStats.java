package io.warden.rules.websocket;

import java.util.List;

/**
 * What the admin API and metrics read about WebSocket connections. Safe to call from any thread;
 * figures are read without stopping the data plane, so they are each exact but not a snapshot.
 */
public interface WebSocketStats {

    /** Connections open now, across all addresses. */
    int openConnections();

    /** Connections open now from one address key (an IPv4 address or an IPv6 network). */
    int openConnections(String addressKey);

    /** The addresses with the most open connections, most first, at most {@code limit}. */
    List<AddressCount> busiestAddresses(int limit);

    /** Client messages relayed to the upstream since start. */
    long messagesRelayed();

    /** Client messages dropped (over the rate, refused content) since start. */
    long messagesDropped();

    /** Connections Warden closed for a violation since start. */
    long violationCloses();

    /** @param connections open connections from {@code address} */
    record AddressCount(String address, int connections) {
    }
}
