package dev.palisade.model.net;

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
            "[2001:db8::1], INVALID",
            "g::1, INVALID",
            "198.18.0.1::, INVALID",
            "2001:db8::198.018.0.1, INVALID",
            "localhost, INVALID",
            "example.com, INVALID",
            "'', INVALID"})
    void parsesStrictlyAndPrintsCanonically(String text, String canonical) {
        assertThat(IpAddress.parse(text).map(IpAddress::toString)).isEqualTo(Optional.ofNullable(canonical));
    }

    @ParameterizedTest(name = "{0} is IPv{1}")
    @CsvSource({
            "198.18.0.1, 4",
            "::ffff:198.18.0.1, 4",
            "2001:db8::1, 6",
            "::198.18.0.1, 6"})
    void tellsTheFamily(String text, int version) {
        assertThat(IpAddress.parse(text).orElseThrow().family().version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource({
            "2001:DB8::1, 2001:db8:0:0:0:0:0:1",
            "::ffff:198.18.0.1, 198.18.0.1"})
    void spellingsOfOneAddressAreEqual(String a, String b) {
        assertThat(IpAddress.parse(a)).isEqualTo(IpAddress.parse(b));
    }
}
