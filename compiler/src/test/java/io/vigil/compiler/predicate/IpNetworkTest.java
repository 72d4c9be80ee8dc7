package io.vigil.compiler.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** IPv4/IPv6 networks for {@code cidr}: literal addresses only, host bits zero, families never mixed. */
class IpNetworkTest {
    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.1.2.3, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.0/24, 192.168.1.255, true",
            "192.168.1.0/24, 192.168.2.0, false",
            "172.16.0.0/12, 172.31.255.255, true",
            "172.16.0.0/12, 172.32.0.0, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "fe80::/10, FE80::1, true",
            "fe80::/10, fec0::1, false",
            "::1, 0:0:0:0:0:0:0:1, true",
            "2001:db8::/32, 2001:DB8:0:0:8:800:200C:417A, true",
            "::ffff:0:0/96, ::ffff:10.0.0.1, true",
            "10.0.0.0/8, ::ffff:10.0.0.1, false",
            "fe80::/10, fe80::1%eth0, true",
            "10.0.0.0/8, 010.0.0.1, false",
            "10.0.0.0/8, 10.0.0, false",
            "10.0.0.0/8, 10.0.0.1.5, false",
            "10.0.0.0/8, host.example, false",
            "10.0.0.0/8, '', false",
            "fe80::/10, fe80::1::2, false",
            "fe80::/10, fe80:1:2:3:4:5:6:7:8, false"})
    void testsMembership(String network, String address, boolean expected) {
        assertThat(IpNetwork.parse(network).contains(IpNetwork.parseAddress(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0/8",
            "10.1.2.3, 10.1.2.3/32",
            "FE80:0000::/10, fe80::/10",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128",
            "::, ::/128",
            "::ffff:1.2.3.4, ::ffff:102:304/128"})
    void printsTheCanonicalForm(String network, String canonical) {
        assertThat(IpNetwork.parse(network)).hasToString(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10.0.0.1/8", "10.0.0.0/33", "fe80::1/10", "10.0.0.0/", "10.0.0.0/x", "256.0.0.0/8", "example.com/8"})
    void rejectsBadNetworks(String network) {
        assertThatThrownBy(() -> IpNetwork.parse(network)).isInstanceOf(IllegalArgumentException.class);
    }
}
