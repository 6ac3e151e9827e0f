package dev.palisade.model.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "INVALID", value = {
            "198.18.0.1/24, 198.18.0.1/24",
            "198.18.0.1, 198.18.0.1/32",
            "198.18.0.1/32, 198.18.0.1/32",
            "198.18.0.0/08, 198.18.0.0/8",
            "198.18.0.1/33, INVALID",
            "198.18.0.1/0033, INVALID",
            "2001:DB8::1/128, 2001:db8::1/128",
            "2001:db8::1, 2001:db8::1/128",
            "2001:db8::1/129, INVALID",
            "::ffff:198.18.0.1/24, 198.18.0.1/24",
            "198.18.0.1/, INVALID",
            "198.18.0.1/-1, INVALID",
            "198.18.0.1/+8, INVALID",
            "198.18.0.1/8/8, INVALID",
            "/8, INVALID",
            "example.com/8, INVALID",
            "'', INVALID"})
    void parsesAnAddressOrANetwork(String text, String canonical) {
        assertThat(Cidr.parse(text).map(Cidr::toString)).isEqualTo(Optional.ofNullable(canonical));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "INVALID", value = {
            "198.18.0.1/24, 198.18.0.1",
            "198.18.0.1/32, 198.18.0.1",
            "198.18.0.1/33, INVALID",
            "2001:db8::1/128, 2001:db8::1",
            "2001:db8::1/129, INVALID",
            "198.18.0.1/, INVALID",
            "198.18.0.1/-1, INVALID",
            "198.18.0.1, 198.18.0.1"})
    void keepsTheAddressAsWritten(String text, String address) {
        assertThat(Cidr.parse(text).map(c -> c.address().toString())).isEqualTo(Optional.ofNullable(address));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "INVALID", value = {
            "198.18.0.0/15, 198.18.0.0/15",
            "198.18.0.1/24, 198.18.0.1/24",
            "198.18.0.1, INVALID",
            "2001:db8::1, INVALID",
            "nonsense, INVALID",
            "198.18.1.0/40, INVALID"})
    void prefixedFormNeedsAPrefix(String text, String canonical) {
        assertThat(Cidr.parsePrefixed(text).map(Cidr::toString)).isEqualTo(Optional.ofNullable(canonical));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "198.18.0.0/15, 198.19.255.255, true",
            "198.18.0.0/15, 198.20.0.0, false",
            "198.18.1.9/24, 198.18.1.200, true",
            "198.18.1.9, 198.18.1.9, true",
            "198.18.1.9, 198.18.1.10, false",
            "0.0.0.0/0, 198.18.0.1, true",
            "0.0.0.0/0, 2001:db8::1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8::/33, 2001:db8:8000::1, false",
            "::/0, 2001:db8::1, true",
            "::/0, 198.18.0.1, false"})
    void containment(String cidr, String ip, boolean contains) {
        assertThat(Cidr.parse(cidr).orElseThrow().contains(IpAddress.parse(ip).orElseThrow())).isEqualTo(contains);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "10.0.2.7/24, 10.0.2.0/24",
            "172.16.5.5/12, 172.16.0.0/12",
            "192.168.1.1, 192.168.1.1/32",
            "198.18.0.1/0, 0.0.0.0/0",
            "2001:DB8:0:0:1::1/80, 2001:db8:0:0:1::/80",
            "2001:db8::1/127, 2001:db8::/127"})
    void masksHostBitsOff(String text, String network) {
        assertThat(Cidr.parse(text).orElseThrow().masked()).hasToString(network);
    }

    @ParameterizedTest(name = "{0} is IPv{1}")
    @CsvSource({"198.18.0.0/15, 4", "2001:db8::/32, 6", "::ffff:198.18.0.1, 4"})
    void tellsTheFamily(String text, int version) {
        assertThat(Cidr.parse(text).orElseThrow().family().version()).isEqualTo(version);
    }
}
