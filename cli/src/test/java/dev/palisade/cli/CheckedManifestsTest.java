package dev.palisade.cli;

import dev.palisade.model.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckedManifestsTest {

    @Test
    void everyResourceOfEverySourceComesOutInOrderDefaultedWithItsErrors() {
        var first = new ManifestSources.Source("a.yaml", """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: ok}
                spec: {selector: all(), egress: [{action: Allow}]}
                ---
                apiVersion: projectcalico.org/v3
                kind: Nonsense
                metadata: {name: what}
                """);
        var second = new ManifestSources.Source("b.yaml", """
                apiVersion: projectcalico.org/v3
                kind: Tier
                metadata: {name: Bad_Name}
                """);
        List<CheckedManifests.Checked> all = CheckedManifests.check(List.of(first, second));

        assertThat(all).extracting(c -> c.source().name()).containsExactly("a.yaml", "a.yaml", "b.yaml");
        assertThat(all.get(0)).isInstanceOfSatisfying(CheckedManifests.Decodable.class, d -> {
            assertThat(d.errors()).isEmpty();
            assertThat(d.resource().metadata().labels()).containsEntry("projectcalico.org/tier", "default");
            assertThat(d.convertedFrom()).isNull();
        });
        assertThat(all.get(1)).isInstanceOfSatisfying(CheckedManifests.Undecodable.class,
                u -> assertThat(u.errors()).extracting(FieldError::path).containsExactly("kind"));
        assertThat(all.get(2)).isInstanceOfSatisfying(CheckedManifests.Decodable.class,
                d -> assertThat(d.errors()).extracting(FieldError::path).contains("metadata.name"));
    }
}
