package io.warden.rules.ratelimit.login;

import io.warden.rules.events.EventType;
import io.warden.rules.pipeline.Decision;
import io.warden.rules.pipeline.RequestContext;
import io.warden.rules.ratelimit.Fixture;
import io.warden.rules.ratelimit.Requests;
import io.warden.rules.ratelimit.TestHeaders;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginFailureObserverTest {

    private static final String CLIENT = "198.51.100.44";

    private final Fixture f = new Fixture();

    private void answer(String path, int status) {
        RequestContext login = Requests.from(CLIENT).method("POST").path(path).build();
        f.limits.loginFailures().onResponse(login, status, new TestHeaders());
    }

    @Test
    void fiveUpstream401sOnTheLoginPathLockTheAddressOut() {
        for (int i = 1; i <= 4; i++) {
            answer("/api/auth/login", 401);
            assertThat(f.limits.blockList().isBlocked(CLIENT)).as("after %d failed logins", i).isFalse();
        }
        answer("/api/auth/login", 401);
        assertThat(f.limits.blockList().isBlocked(CLIENT)).as("auth.maxFailedLogins = 5").isTrue();
        assertThat(f.emittedCount(EventType.LOGIN_FAILURE)).isEqualTo(5);
        assertThat(f.emittedCount(EventType.LOGIN_LOCKOUT)).isEqualTo(1);
        assertThat(f.emittedCount(EventType.IP_BLOCKED)).isEqualTo(1);
        assertThat(f.emitted.stream().filter(e -> e.type() == EventType.LOGIN_LOCKOUT).findFirst().orElseThrow()
                .details()).containsEntry("failures", 5).containsEntry("blocked", true);

        Decision next = f.request(Requests.from(CLIENT).method("POST").path("/api/auth/login"));
        assertThat(((Decision.Reject) next).status()).isEqualTo(403);
        assertThat(((Decision.Reject) next).reason()).isEqualTo("address blocked: too many failed logins");
    }

    @Test
    void aSuccessfulLoginResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            answer("/api/auth/login", 401);
        }
        answer("/api/auth/login", 200);
        for (int i = 0; i < 4; i++) {
            answer("/api/auth/login", 403);
        }
        assertThat(f.limits.blockList().isBlocked(CLIENT)).as("4 + success + 4 is not 5 in a row").isFalse();
        answer("/api/auth/login", 403);
        assertThat(f.limits.blockList().isBlocked(CLIENT)).isTrue();
    }

    @Test
    void onlyLoginPathsCountHoweverTheyAreSpelled() {
        for (int i = 0; i < 10; i++) {
            answer("/api/chat", 401);
        }
        assertThat(f.limits.blockList().isBlocked(CLIENT)).as("a 401 elsewhere is not a failed login").isFalse();
        answer("/api/auth/%6cogin", 401);
        answer("//api/auth/login/", 401);
        answer("/api/./auth/login?next=/", 401);
        answer("/api/x/../auth/login", 401);
        answer("/api/auth/login", 401);
        assertThat(f.limits.blockList().isBlocked(CLIENT)).as("encoded and folded spellings reach the same handler")
                .isTrue();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        for (int i = 0; i < 4; i++) {
            answer("/api/auth/login", 401);
        }
        f.clock.advance(Duration.ofMinutes(16));
        answer("/api/auth/login", 401);
        assertThat(f.limits.blockList().isBlocked(CLIENT)).isFalse();
    }

    @Test
    void wardensOwn403ToABlockedAddressDoesNotExtendTheLockout() {
        for (int i = 0; i < 5; i++) {
            answer("/api/auth/login", 401);
        }
        for (int i = 0; i < 20; i++) {
            answer("/api/auth/login", 403);
        }
        assertThat(f.emittedCount(EventType.LOGIN_LOCKOUT)).isEqualTo(1);
        assertThat(f.emittedCount(EventType.LOGIN_FAILURE)).isEqualTo(5);
    }
}
