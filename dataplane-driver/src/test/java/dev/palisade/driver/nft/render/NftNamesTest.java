package dev.palisade.driver.nft.render;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NftNamesTest {

    @Test
    void readableWhenShortAndSafeOtherwiseBoundedWithAHash() {
        assertThat(NftNames.policyChain("gnp/allow-ssh", true)).isEqualTo("pi-gnp/allow-ssh");
        String longId = "gnp/" + "a".repeat(200);
        String bounded = NftNames.policyChain(longId, false);
        assertThat(bounded).hasSizeLessThanOrEqualTo(NftNames.MAX_LENGTH).startsWith("po-gnp-aaaa").contains("_");
        assertThat(NftNames.policyChain(longId + "b", false)).isNotEqualTo(bounded);
        assertThat(NftNames.ipSet("s:abc+/=", 4)).startsWith("s4-s-abc").matches("[A-Za-z0-9_./-]+");
        assertThat(NftNames.policyChain(longId, false)).as("deterministic").isEqualTo(bounded);
    }

    @Test
    void ownershipCoversEveryNameTheDriverGives() {
        assertThat(NftNames.isPalisadeOwned(NftNames.FILTER_INPUT)).isTrue();
        assertThat(NftNames.isPalisadeOwned(NftNames.endpointChain("filter-thfw", "eth0"))).isTrue();
        assertThat(NftNames.isPalisadeOwned(NftNames.profileChain("kns.default", true))).isTrue();
        assertThat(NftNames.isPalisadeOwned(NftNames.portSet("x", 6))).isTrue();
        assertThat(NftNames.isPalisadeOwned(NftNames.failsafeNets(false, 6))).isTrue();
        assertThat(NftNames.isPalisadeOwned("KUBE-SERVICES")).isFalse();
        assertThat(NftNames.isPalisadeOwned("someone-elses")).isFalse();
    }
}
