package io.warden.rules.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver =
            new ClientAddressResolver(CidrSet.parse(List.of("10.0.0.0/8", "192.168.0.0/16")));

    @Test
    void untrustedPeerIsTheClientWhateverItClaims() throws Exception {
        assertThat(resolve("203.0.113.5", "1.1.1.1").text()).isEqualTo("203.0.113.5");
    }

    @Test
    void trustedChainIsWalkedFromTheRight() throws Exception {
        assertThat(resolve("10.0.0.1", "6.6.6.6, 198.51.100.2, 192.168.3.4").text())
                .as("the leftmost entry is whatever the client wrote; the rightmost untrusted is real")
                .isEqualTo("198.51.100.2");
        assertThat(resolve("10.0.0.1", "198.51.100.2:4711").text()).isEqualTo("198.51.100.2");
        assertThat(resolve("10.0.0.1", "[2001:db8::7]:443").text()).isEqualTo("2001:db8::7");
    }

    @Test
    void severalHeadersAreOneList() throws Exception {
        ClientAddress client = resolver.resolve(InetAddress.getByName("10.0.0.1"),
                List.of("198.51.100.2", "192.168.1.1"));
        assertThat(client.text()).isEqualTo("198.51.100.2");
    }

    @Test
    void garbageStopsTheWalkAtTheLastTrustedHop() throws Exception {
        assertThat(resolve("10.0.0.1", "198.51.100.2, not-an-ip, 10.9.9.9").text()).isEqualTo("10.9.9.9");
        assertThat(resolve("10.0.0.1", "").text()).isEqualTo("10.0.0.1");
    }

    private ClientAddress resolve(String peer, String xff) throws Exception {
        return resolver.resolve(InetAddress.getByName(peer), List.of(xff));
    }
}
