package io.warden.core.auth;

import io.warden.rules.auth.jwt.JwksKeySet;
import io.warden.rules.auth.jwt.KeyRefreshListener;
import io.warden.rules.auth.jwt.KeyResolver;
import io.warden.rules.auth.jwt.PemKeys;
import io.warden.rules.auth.jwt.StaticKeys;
import io.warden.rules.auth.jwt.VerificationKey;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.time.Ticker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys tokens are verified with, read from the configured secret, PEM files and JWKS (a file
 * read at each (re)load, a URL kept fresh by a {@link JwksFetcher} that lives as long as Warden).
 * Reading files here, at start and on reload, keeps file I/O out of the pure rules.
 */
public final class KeyMaterial {

    private final JwksFetcher remote;
    private final Ticker ticker;

    /** @param remote the fetcher of {@code auth.jwks.url}, or null when none is configured */
    public KeyMaterial(JwksFetcher remote, Ticker ticker) {
        this.remote = remote;
        this.ticker = ticker;
    }

    /** @throws IllegalArgumentException naming the key whose file cannot be read or used */
    public KeyResolver resolver(AuthConfig auth) {
        List<VerificationKey> publicKeys = new ArrayList<>();
        List<String> files = auth.publicKeys() == null ? List.of() : auth.publicKeys();
        for (int i = 0; i < files.size(); i++) {
            String file = files.get(i);
            String key = "auth.publicKeys[" + i + "]";
            try {
                publicKeys.addAll(PemKeys.parse(read(file, key), null));
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(key) ? e : new IllegalArgumentException(key + ": " + e.getMessage());
            }
        }
        List<KeyResolver> resolvers = new ArrayList<>();
        resolvers.add(StaticKeys.of(auth.jwtSecret(), publicKeys));
        if (auth.jwks() != null && auth.jwks().file() != null) {
            JwksKeySet fromFile = new JwksKeySet(ticker, auth.jwks().minRefreshInterval(), KeyRefreshListener.ignoring());
            try {
                fromFile.update(read(auth.jwks().file(), "auth.jwks.file"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("auth.jwks.file: " + e.getMessage());
            }
            resolvers.add(fromFile);
        }
        if (remote != null) {
            resolvers.add(remote.keys());
        }
        return resolvers.size() == 1 ? resolvers.get(0) : KeyResolver.composite(resolvers);
    }

    private static String read(String file, String key) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(key + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
