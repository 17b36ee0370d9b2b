package io.warden.rules.config;

import java.time.Duration;

/**
 * How the client side of the data plane behaves.
 *
 * @param ioThreads event-loop threads; 0 means one per core
 * @param maxInitialLineLength longest request line; longer gets 414
 * @param maxHeaderSize all header lines together; larger gets 431
 * @param headerTimeout a client must finish its request head within this after its first byte
 *                      (slowloris)
 * @param idleTimeout a keep-alive connection with no request for this long is closed
 * @param requestBodyTimeout the whole request body must arrive within this (slow POST); a per-read
 *                           timeout alone lets a body trickle forever
 * @param drainTimeout on SIGTERM, in-flight requests get this long to finish
 * @param maxConnections client connections open at once across all listeners; more are closed at
 *                       accept, so a flood runs into this instead of the process's file descriptors
 * @param maxConnectionsPerAddress client connections one peer address may hold open at once;
 *                                 trusted proxies are exempt, since they carry many clients
 */
public record ServerConfig(int ioThreads, int maxInitialLineLength, int maxHeaderSize, Duration headerTimeout,
                           Duration idleTimeout, Duration requestBodyTimeout, Duration drainTimeout,
                           int maxConnections, int maxConnectionsPerAddress) {

    public static ServerConfig defaults() {
        return new ServerConfig(0, 8192, 16384, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(120), Duration.ofSeconds(30), 10_000, 256);
    }

    void validate(Problems p) {
        if (ioThreads < 0) {
            p.add("server.ioThreads", "must be 0 (one per core) or more, got " + ioThreads);
        }
        if (maxInitialLineLength < 256) {
            p.add("server.maxInitialLineLength", "must be at least 256, got " + maxInitialLineLength);
        }
        if (maxHeaderSize < 1024) {
            p.add("server.maxHeaderSize", "must be at least 1024, got " + maxHeaderSize);
        }
        p.positive("server.headerTimeout", headerTimeout);
        p.positive("server.idleTimeout", idleTimeout);
        p.positive("server.requestBodyTimeout", requestBodyTimeout);
        p.positive("server.drainTimeout", drainTimeout);
        p.positive("server.maxConnections", maxConnections);
        p.positive("server.maxConnectionsPerAddress", maxConnectionsPerAddress);
        if (maxConnectionsPerAddress > maxConnections) {
            p.add("server.maxConnectionsPerAddress", "must not exceed server.maxConnections (" + maxConnections
                    + "), got " + maxConnectionsPerAddress);
        }
    }
}
