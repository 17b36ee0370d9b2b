package io.warden.core.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The counting behind the connection caps, without sockets. */
class ConnectionGuardTest {

    private static final String A = "192.0.2.1";
    private static final String B = "192.0.2.2";

    private final ConnectionGuard guard = new ConnectionGuard(() -> 0L);

    @Test
    void oneAddressCannotTakeMoreThanItsShare() {
        assertThat(guard.tryAcquire(A, false, 10, 2)).isNull();
        assertThat(guard.tryAcquire(A, false, 10, 2)).isNull();
        assertThat(guard.tryAcquire(A, false, 10, 2)).isEqualTo(ConnectionGuard.Refusal.TOO_MANY_FROM_ADDRESS);
        assertThat(guard.tryAcquire(B, false, 10, 2)).as("another address still gets in").isNull();
        assertThat(guard.open()).as("a refused connection is not counted").isEqualTo(3);
    }

    @Test
    void theGlobalCapHoldsWhateverTheAddresses() {
        assertThat(guard.tryAcquire(A, false, 2, 2)).isNull();
        assertThat(guard.tryAcquire(B, false, 2, 2)).isNull();
        assertThat(guard.tryAcquire("192.0.2.3", false, 2, 2))
                .isEqualTo(ConnectionGuard.Refusal.TOO_MANY_CONNECTIONS);
        guard.release(B);
        assertThat(guard.tryAcquire("192.0.2.3", false, 2, 2)).as("a closed connection frees its slot")
                .isNull();
    }

    @Test
    void trustedProxiesCarryManyClientsAndAreNotCappedPerAddress() {
        for (int i = 0; i < 5; i++) {
            assertThat(guard.tryAcquire(A, true, 10, 2)).isNull();
        }
        assertThat(guard.tryAcquire(A, true, 5, 2)).as("but the global cap still applies")
                .isEqualTo(ConnectionGuard.Refusal.TOO_MANY_CONNECTIONS);
    }

    @Test
    void addressesAreForgottenWhenTheirLastConnectionCloses() {
        guard.tryAcquire(A, false, 10, 5);
        guard.tryAcquire(A, false, 10, 5);
        guard.tryAcquire(B, false, 10, 5);
        guard.release(A);
        guard.release(A);
        guard.release(B);
        assertThat(guard.addresses()).as("the per-address map stays bounded by open connections").isZero();
        assertThat(guard.open()).isZero();
    }
}
