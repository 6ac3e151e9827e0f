package dev.palisade.model.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palisade.model.FieldError;
import dev.palisade.model.resource.FelixConfiguration;
import dev.palisade.model.resource.Resource;
import dev.palisade.model.testsupport.SharedFiles;
import dev.palisade.model.validation.Defaulter;
import dev.palisade.model.validation.Validator;
import dev.palisade.model.validation.Warnings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An export of an operator-installed Calico, as {@code calicoctl get -o yaml} writes it, imports unchanged. */
class CalicoExportImportTest {

    private final ResourceCodec codec = new ResourceCodec();

    private String export() throws IOException {
        return Files.readString(SharedFiles.repository("examples/calico-export/operator-install.yaml"));
    }

    @Test
    void everyResourceDecodesValidatesAndKeepsEveryFieldOnTheWayBack() throws IOException {
        List<Decoded> all = codec.decodeAll(export());
        assertThat(all).hasSize(11).allSatisfy(d -> assertThat(d).isInstanceOf(Decoded.Ok.class));
        JsonNode items = new YAMLMapper().readTree(export()).get("items");
        for (int i = 0; i < all.size(); i++) {
            Resource r = ((Decoded.Ok) all.get(i)).resource();
            assertThat(new Validator().validate(new Defaulter().applyDefaults(r))).as(r.key().toString()).isEmpty();
            assertThat(codec.decodeSingle(codec.toYaml(r))).isEqualTo(r);
            JsonNode written = new YAMLMapper().readTree(codec.toYaml(r));
            assertThat(written).as(r.key().toString()).isEqualTo(withoutEmptyObjects(items.get(i).deepCopy()));
        }
    }

    @Test
    void felixSettingsPalisadeDoesNotActOnAreKeptWithAWarningNotAnError() throws IOException {
        FelixConfiguration felix = (FelixConfiguration) ((Decoded.Ok) codec.decodeAll(export()).getFirst()).resource();
        assertThat(felix.spec().unacted()).containsKeys("bpfConnectTimeLoadBalancing", "routeTableRanges");
        assertThat(new Warnings().of(felix)).extracting(FieldError::path)
                .contains("spec.bpfConnectTimeLoadBalancing", "spec.vxlanVNI")
                .doesNotContain("spec.failsafeInboundHostPorts", "spec.logSeverityScreen");
    }

    @Test
    void aMisspelledFelixSettingIsStillAnUnknownField() {
        String yaml = """
                apiVersion: projectcalico.org/v3
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {bpfConnectTimeLoadBalancingg: TCP}
                """;
        Decoded d = codec.decodeAll(yaml).getFirst();
        assertThat(d).isInstanceOf(Decoded.Failed.class);
        assertThat(((Decoded.Failed) d).errors().toString()).contains("unknown field \"bpfConnectTimeLoadBalancingg\"");
    }

    /** The codec leaves out empty mappings ({@code source: {}}), as calicoctl does for Go's zero values. */
    private static JsonNode withoutEmptyObjects(JsonNode node) {
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            withoutEmptyObjects(it.next());
        }
        if (node instanceof ObjectNode obj) {
            obj.properties().removeIf(e -> e.getValue().isObject() && e.getValue().isEmpty());
        }
        return node;
    }
}
