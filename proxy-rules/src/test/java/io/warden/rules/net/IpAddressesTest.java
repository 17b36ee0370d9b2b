package io.warden.rules.net;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class IpAddressesTest {

    @Test
    void parsesLiteralsWithoutDns() throws Exception {
        assertThat(IpAddresses.parse("203.0.113.7")).hasValue(InetAddress.getByName("203.0.113.7"));
        assertThat(IpAddresses.parse("[2001:db8::1]")).hasValue(InetAddress.getByName("2001:db8::1"));
        assertThat(IpAddresses.parse("::ffff:10.0.0.1").map(IpAddresses::canonical)).hasValue("10.0.0.1");
        assertThat(IpAddresses.parse("fe80::1%eth0")).isPresent();
        assertThat(IpAddresses.parse("localhost")).as("a host name is never resolved").isEmpty();
        assertThat(IpAddresses.parse("010.0.0.1")).as("octal-looking octets are ambiguous").isEmpty();
        assertThat(IpAddresses.parse("1.2.3")).isEmpty();
        assertThat(IpAddresses.parse("1:2:3:4:5:6:7:8:9")).isEmpty();
        assertThat(IpAddresses.parse("1::2::3")).isEmpty();
    }

    @Test
    void canonicalFormIsOneSpellingPerAddress() throws Exception {
        assertThat(IpAddresses.canonical(InetAddress.getByName("2001:0db8:0000:0000:0000:0000:0000:0001")))
                .isEqualTo("2001:db8::1");
        assertThat(IpAddresses.canonical(InetAddress.getByName("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(IpAddresses.canonical(InetAddress.getByName("::"))).isEqualTo("::");
    }

    @Property
    void anyTextParsesOrIsRefusedWithoutThrowing(@ForAll String text) {
        byte[] bytes = IpAddresses.toBytes(text);
        assertThat(bytes == null || bytes.length == 4 || bytes.length == 16).isTrue();
    }

    @Property
    void everyIpv4AddressRoundTrips(@ForAll int bits) {
        byte[] b = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        assertThat(IpAddresses.toBytes(IpAddresses.canonical(b))).isEqualTo(b);
    }

    @Property
    void everyIpv6AddressRoundTrips(@ForAll long hi, @ForAll long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        String text = IpAddresses.canonical(b);
        byte[] back = IpAddresses.toBytes(text);
        assertThat(IpAddresses.canonical(back)).isEqualTo(text);
    }
}
