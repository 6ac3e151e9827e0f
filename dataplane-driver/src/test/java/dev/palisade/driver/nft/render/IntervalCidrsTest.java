package dev.palisade.driver.nft.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalCidrsTest {

    @Test
    void normaliseForIntervalSets() {
        assertThat(IntervalCidrs.normalize(List.of("198.18.1.0/24", "198.18.0.0/16", "198.19.0.7/24", "2001:db8::1", "198.18.0.5"), 4))
                .containsExactly("198.18.0.0/16", "198.19.0.0/24");
        assertThat(IntervalCidrs.normalize(List.of("0.0.0.0/0"), 4)).containsExactly("0.0.0.0/1", "128.0.0.0/1");
        assertThat(IntervalCidrs.normalize(List.of("::/0"), 6)).containsExactly("::/1", "8000::/1");
        assertThat(IntervalCidrs.normalize(List.of("2001:db8::1/128", "2001:DB8:0:0:1::/80", "2001:db8::/64"), 6))
                .as("canonical RFC 5952 text").containsExactly("2001:db8::/64");
        assertThat(IntervalCidrs.normalize(List.of("2001:db8::1/128"), 6)).containsExactly("2001:db8::1");
    }

    @Test
    void badInputNamesTheValue() {
        assertThatThrownBy(() -> IntervalCidrs.normalize(List.of("198.18.0.0/33"), 4)).hasMessageContaining("198.18.0.0/33");
        assertThatThrownBy(() -> IntervalCidrs.normalize(List.of("example.com"), 4)).hasMessageContaining("example.com");
    }
}
