package io.warden.core.auth;

import io.warden.rules.auth.jwt.RevocationList;
import io.warden.rules.auth.password.BcryptPasswordHasher;
import io.warden.rules.auth.password.UsersFile;
import io.warden.rules.auth.token.InMemoryTokenFamilyStore;
import io.warden.rules.auth.token.TokenService;
import io.warden.rules.config.AuthConfig;
import io.warden.rules.config.WardenConfig;
import io.warden.rules.events.EventFactory;
import io.warden.rules.time.Ticker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Builds the optional built-in token service from {@code auth.tokenService}, reading its users file. */
public final class TokenServiceFactory {

    private TokenServiceFactory() {
    }

    /**
     * @return the service, or null when {@code auth.tokenService.enabled} is false
     * @throws IllegalArgumentException naming {@code auth.tokenService.usersFile} when it cannot be used
     */
    public static TokenService create(WardenConfig config, RevocationList revocations, Clock clock, Ticker ticker,
                                      EventFactory events) {
        AuthConfig auth = config.auth();
        AuthConfig.TokenServiceConfig service = auth.tokenService();
        if (!service.enabled()) {
            return null;
        }
        UsersFile users;
        try {
            users = UsersFile.parse(Files.readString(Path.of(service.usersFile())));
        } catch (IOException e) {
            throw new IllegalArgumentException("auth.tokenService.usersFile: cannot read " + service.usersFile()
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth.tokenService.usersFile: " + e.getMessage());
        }
        SecureRandom random = new SecureRandom();
        return new TokenService(TokenService.Settings.from(auth, config.environment()), users,
                new BcryptPasswordHasher(users.maxCost(), random),
                new InMemoryTokenFamilyStore(service.maxFamilies(), clock, ticker), revocations, clock, random,
                events);
    }
}
