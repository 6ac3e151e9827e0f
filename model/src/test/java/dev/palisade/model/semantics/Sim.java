package dev.palisade.model.semantics;

import dev.palisade.model.codec.Decoded;
import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.convert.V1Converter;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.testsupport.SharedFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Test fixture: a world from YAML manifests, and packets written as {@code k=v,...}. */
final class Sim {

    /** Node n1 with eth0 198.18.0.1, eth1 198.18.1.1 and lo. */
    static final String NODE_N1 = """
            apiVersion: projectcalico.org/v3
            kind: Node
            metadata: {name: n1}
            spec:
              interfaces:
              - {name: eth0, addresses: [198.18.0.1/24]}
              - {name: eth1, addresses: [198.18.1.1/24]}
              - {name: lo, addresses: [127.0.0.1/8]}
            """;

    private static final ResourceCodec CODEC = new ResourceCodec(new V1Converter());

    private final List<Resource> resources = new ArrayList<>();

    static Sim of(String... manifests) {
        Sim sim = new Sim();
        for (String m : manifests) {
            sim.add(m);
        }
        return sim;
    }

    Sim add(String manifests) {
        resources.addAll(decode(manifests));
        return this;
    }

    List<Resource> resources() {
        return List.copyOf(resources);
    }

    Sim add(List<? extends Resource> more) {
        resources.addAll(more);
        return this;
    }

    /** The manifests the convert work extracted from a seed tutorial, byte for byte ({@code examples/seeds}). */
    static List<Resource> seed(String file) {
        try {
            return decode(Files.readString(SharedFiles.repository("examples/seeds/" + file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes every resource with this name (as {@code calicoctl delete} would). */
    Sim delete(String name) {
        resources.removeIf(r -> r.metadata().name().equals(name));
        return this;
    }

    static List<Resource> decode(String manifests) {
        List<Resource> out = new ArrayList<>();
        for (Decoded d : CODEC.decodeAll(manifests)) {
            assertThat(d).as("manifest decodes: %s", d).isInstanceOf(Decoded.Ok.class);
            out.add(((Decoded.Ok) d).resource());
        }
        return out;
    }

    Verdict run(String packet) {
        return new Simulator(World.of(resources)).simulate(PacketFields.parse(packet));
    }

    /** The step that decided, its stage and decision; also checks the verdict. */
    static void expect(Verdict v, Verdict.Outcome outcome, Stage stage, Decision decision) {
        assertThat(v.verdict()).as("verdict, trace %s", v.trace()).isEqualTo(outcome);
        assertThat(v.decidedBy().stage()).as("deciding stage, trace %s", v.trace()).isEqualTo(stage);
        assertThat(v.decidedBy().decision()).as("deciding decision, trace %s", v.trace()).isEqualTo(decision);
    }

    static Decision.PolicyRule gnp(String name, String direction, int rule, dev.palisade.model.resource.Action a) {
        return gnp("default", name, direction, rule, a);
    }

    static Decision.PolicyRule gnp(String tier, String name, String direction, int rule,
                                   dev.palisade.model.resource.Action a) {
        return new Decision.PolicyRule("GlobalNetworkPolicy", name, tier, direction, rule, a);
    }

    static Decision.ProfileRule defaultAllow(String direction) {
        return new Decision.ProfileRule("projectcalico-default-allow", direction, 0,
                dev.palisade.model.resource.Action.Allow);
    }
}
