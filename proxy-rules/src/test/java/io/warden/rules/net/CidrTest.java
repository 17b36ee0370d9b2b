package io.warden.rules.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @Test
    void matchesByPrefix() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertThat(ten.contains(IpAddresses.toBytes("10.255.1.2"))).isTrue();
        assertThat(ten.contains(IpAddresses.toBytes("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("192.168.1.77/26").toString()).as("host bits cleared").isEqualTo("192.168.1.64/26");
        assertThat(Cidr.parse("2001:db8::/32").contains(IpAddresses.toBytes("2001:db8:ffff::1"))).isTrue();
        assertThat(Cidr.parse("127.0.0.1").contains(IpAddresses.toBytes("::ffff:127.0.0.1")))
                .as("an IPv4-mapped IPv6 peer is the IPv4 client it carries").isTrue();
        assertThat(ten.contains(IpAddresses.toBytes("::a00:1"))).isFalse();
    }

    @Test
    void refusesWhatIsNotACidr() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).hasMessageContaining("not an IP");
        assertThatThrownBy(() -> CidrSet.parse(List.of("10.0.0.0/8", "x"))).hasMessageContaining("'x'");
    }
}
