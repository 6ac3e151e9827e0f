package dev.palisade.driver.nft.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver's spelling and nft's JSON listing of the same element meet in one canonical text. */
class SetElementsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String json(String elem) throws Exception {
        return SetElements.fromJson(JSON.readTree(elem));
    }

    @Test
    void renderedAndListedElementsAgree() throws Exception {
        assertThat(json("{\"concat\": [\"198.18.0.1\", \"tcp\", 80]}")).isEqualTo(SetElements.canonical("198.18.0.1 . 6 . 80"));
        assertThat(json("{\"concat\": [\"udp\", 53]}")).isEqualTo(SetElements.canonical("udp . 53"));
        assertThat(json("{\"concat\": [{\"prefix\": {\"addr\": \"198.18.0.0\", \"len\": 16}}, \"tcp\", 22]}"))
                .isEqualTo(SetElements.canonical("198.18.0.0/16 . tcp . 22"));
        assertThat(json("{\"prefix\": {\"addr\": \"2001:db8::\", \"len\": 64}}")).isEqualTo(SetElements.canonical("2001:db8::/64"));
        assertThat(json("\"2001:db8:1::2\"")).isEqualTo(SetElements.canonical("2001:db8:1:0:0:0:0:2"));
    }

    @Test
    void differentElementsStayDifferent() throws Exception {
        assertThat(json("{\"concat\": [\"tcp\", 2222]}")).isNotEqualTo(SetElements.canonical("tcp . 22"));
        assertThat(json("\"198.18.0.9\"")).isNotEqualTo(SetElements.canonical("198.18.0.3"));
        assertThat(json("{\"prefix\": {\"addr\": \"198.18.0.0\", \"len\": 15}}")).isNotEqualTo(SetElements.canonical("198.18.0.0/16"));
    }
}
