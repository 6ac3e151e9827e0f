package dev.palisade.hepcontroller.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "INVALID", value = {
            "198.18.0.1, 198.18.0.1",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "256.0.0.1, INVALID",
            "198.18.0, INVALID",
            "198.18.0.1.2, INVALID",
            "198.018.0.1, INVALID",
            "198.18..1, INVALID",
            "+1.2.3.4, INVALID",
            "2001:db8::1, 2001:db8::1",
            "2001:DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
            "2001:db8:1:1:1:1:0:1, 2001:db8:1:1:1:1:0:1",
            "::, ::",
            "::1, ::1",
            "2001:db8::, 2001:db8::",
            "::ffff:198.18.0.1, 198.18.0.1",
            "2001:db8::198.18.0.1, 2001:db8::c612:1",
            "2001:db8::1::2, INVALID",
            "2001:db8:::1, INVALID",
            "2001:db8:0:0:0:0:0:0:1, INVALID",
            "2001:db8:0:0:0:0:1, INVALID",
            "12345::1, INVALID",
            "fe80::1%eth0, INVALID",
            "g::1, INVALID",
            "localhost, INVALID",
            "'', INVALID"})
    void parsesStrictlyAndPrintsCanonically(String text, String canonical) {
        assertThat(IpAddress.parse(text).map(IpAddress::toString)).isEqualTo(Optional.ofNullable(canonical));
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
    void dropsThePrefixOfACidr(String text, String canonical) {
        assertThat(IpAddress.parseIpOrCidr(text).map(IpAddress::toString)).isEqualTo(Optional.ofNullable(canonical));
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "198.18.0.0/15, 198.19.255.255, true",
            "198.18.0.0/15, 198.20.0.0, false",
            "198.18.1.9/24, 198.18.1.200, true",
            "0.0.0.0/0, 198.18.0.1, true",
            "0.0.0.0/0, 2001:db8::1, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "::/0, 2001:db8::1, true"})
    void cidrContainment(String cidr, String ip, boolean contains) {
        assertThat(CidrBlock.parse(cidr).orElseThrow().contains(IpAddress.parse(ip).orElseThrow())).isEqualTo(contains);
    }
}
