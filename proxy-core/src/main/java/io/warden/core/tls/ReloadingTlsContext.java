package io.warden.core.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.warden.rules.events.EventFactory;
import io.warden.rules.events.EventSink;
import io.warden.rules.events.EventType;
import io.warden.rules.events.ThreatLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The server's TLS context, renewed without a restart: a thread of its own (never an event loop:
 * this reads files) compares the certificate and key files' contents every interval, and when
 * they changed and form a valid pair, new connections get the new context; connections already
 * open keep theirs. A pair that fails to load (half-written renewal, key of another certificate)
 * is refused with an event and the old one stays in service.
 */
public final class ReloadingTlsContext implements Supplier<SslContext>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingTlsContext.class);

    private final Path certificate;
    private final Path privateKey;
    private final SslProvider provider;
    private final EventSink events;
    private final EventFactory eventFactory;
    private final AtomicReference<SslContext> current = new AtomicReference<>();
    private final ScheduledExecutorService watcher;
    private byte[] loadedDigest;
    private volatile String servedSubject;

    private ReloadingTlsContext(Path certificate, Path privateKey, SslProvider provider, EventSink events,
                                EventFactory eventFactory) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.provider = provider;
        this.events = events;
        this.eventFactory = eventFactory;
        this.watcher = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("warden-tls-reload", true));
    }

    /**
     * Loads the pair now (failing startup when it cannot) and checks for renewals every {@code interval}.
     */
    public static ReloadingTlsContext start(Path certificate, Path privateKey, SslProvider provider,
                                            Duration interval, EventSink events, EventFactory eventFactory)
            throws IOException, GeneralSecurityException {
        ReloadingTlsContext tls = new ReloadingTlsContext(certificate, privateKey, provider, events, eventFactory);
        tls.load();
        long millis = interval.toMillis();
        tls.watcher.scheduleWithFixedDelay(tls::checkForRenewal, millis, millis, TimeUnit.MILLISECONDS);
        return tls;
    }

    @Override
    public SslContext get() {
        return current.get();
    }

    public SslProvider provider() {
        return provider;
    }

    /** Subject and expiry of the certificate in service, for logs. */
    public String servedCertificate() {
        return servedSubject;
    }

    private void load() throws IOException, GeneralSecurityException {
        byte[] cert = Files.readAllBytes(certificate);
        byte[] key = Files.readAllBytes(privateKey);
        PemFiles.Pair pair = PemFiles.read(cert, key);
        current.set(ServerTls.context(pair, provider));
        loadedDigest = digest(cert, key);
        servedSubject = pair.leaf().getSubjectX500Principal().getName() + " until "
                + pair.leaf().getNotAfter().toInstant();
    }

    private void checkForRenewal() {
        byte[] cert;
        byte[] key;
        try {
            cert = Files.readAllBytes(certificate);
            key = Files.readAllBytes(privateKey);
        } catch (IOException e) {
            // a renewal tool may be replacing the files this very moment: look again next time
            return;
        }
        if (Arrays.equals(digest(cert, key), loadedDigest)) {
            return;
        }
        try {
            load();
            LOG.info("tls: reloaded the certificate from {}: {}", certificate, servedSubject);
            emit(EventType.CONFIG_RELOADED, ThreatLevel.LOW, Map.of("component", "tls", "certificate", servedSubject));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            loadedDigest = digest(cert, key);
            LOG.warn("tls: the changed certificate or key in {} / {} cannot be used, still serving {}: {}",
                    certificate, privateKey, servedSubject, e.getMessage());
            emit(EventType.CONFIG_REJECTED, ThreatLevel.MEDIUM, Map.of("component", "tls",
                    "reason", String.valueOf(e.getMessage())));
        }
    }

    private void emit(EventType type, ThreatLevel level, Map<String, Object> details) {
        events.emit(eventFactory.create(type, level, null, null, null, details));
    }

    private static byte[] digest(byte[] cert, byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(cert);
            sha.update(key);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
