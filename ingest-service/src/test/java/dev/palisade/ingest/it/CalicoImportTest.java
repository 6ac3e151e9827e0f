package dev.palisade.ingest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.testkit.EtcdTestResource;
import dev.palisade.testkit.KafkaTestResource;
import dev.palisade.testkit.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.palisade.ingest.it.ApiTest.BASE;
import static dev.palisade.ingest.it.ApiTest.editor;
import static dev.palisade.ingest.it.ApiTest.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** An export of an operator-installed Calico applies unchanged; what Palisade does not act on is kept and warned. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = EtcdTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, parallel = true)
class CalicoImportTest {

    /** The datastore is shared with the other tests of this module: what the import changed is put back. */
    private static final List<String> CREATED = List.of("/globalnetworkpolicies/security.allow-ssh",
            "/hostendpoints/worker-1-eth0", "/globalnetworksets/admins", "/profiles/kns.default", "/tiers/security",
            "/namespaces/default/networksets/vendors", "/namespaces/default/networkpolicies/allow-vendors",
            "/nodes/worker-1", "/felixconfigurations/node.worker-1");
    private static final List<String> UPDATED = List.of("/felixconfigurations/default",
            "/kubecontrollersconfigurations/default");

    private final List<String> saved = new ArrayList<>();

    @BeforeEach
    void saveTheDefaults() {
        for (String path : UPDATED) {
            Response current = viewer().get(BASE + path);
            current.then().statusCode(200);
            ObjectNode body = (ObjectNode) current.as(JsonNode.class);
            ((ObjectNode) body.get("metadata")).remove("resourceVersion");
            saved.add(body.toString());
        }
    }

    @AfterEach
    void putBackWhatTheImportChanged() {
        for (String path : CREATED) {
            editor().delete(BASE + path).then().statusCode(org.hamcrest.Matchers.oneOf(200, 404));
        }
        for (String body : saved) {
            editor().contentType("application/json").body(body).post(BASE + "/apply").then().statusCode(200)
                    .body("results[0].status", equalTo("updated"));
        }
    }

    @Test
    void anOperatorInstallExportAppliesUnchangedAndItsUnactedSettingsComeBackWithWarnings() throws IOException {
        String export = Files.readString(Path.of("").toAbsolutePath().getParent()
                .resolve("examples/calico-export/operator-install.yaml"));
        Response applied = editor().contentType("application/yaml").body(export).post(BASE + "/apply");
        applied.then().statusCode(200);
        assertThat(applied.jsonPath().getList("results.status", String.class))
                .hasSize(11).allMatch(s -> s.equals("created") || s.equals("updated"));
        assertThat(applied.headers().getValues("Warning"))
                .contains("299 - \"FelixConfiguration default: spec.bpfConnectTimeLoadBalancing: kept, but Palisade "
                        + "does not act on this setting\"")
                .noneMatch(w -> w.contains("failsafeInboundHostPorts"));

        viewer().get(BASE + "/felixconfigurations/default").then().statusCode(200)
                .body("spec.bpfConnectTimeLoadBalancing", equalTo("TCP"))
                .body("spec.vxlanVNI", equalTo(4096))
                .body("spec.routeTableRanges[0].max", equalTo(250))
                .body("metadata.generation", equalTo(3));
        viewer().get(BASE + "/tiers/security").then().statusCode(200)
                .body("status.conditions[0].reason", equalTo("Ready"))
                .body("spec.order", equalTo(100));
        viewer().get(BASE + "/nodes/worker-1").then().statusCode(200)
                .body("spec.orchRefs[0].orchestrator", equalTo("k8s"))
                .body("status.podCIDRs[0]", equalTo("198.19.1.0/24"));
        viewer().get(BASE + "/hostendpoints/worker-1-eth0").then().statusCode(200)
                .body("metadata.labels.ver", equalTo("1.10"));
        viewer().get(BASE + "/namespaces/default/networksets/vendors").then().statusCode(200)
                .body("spec.nets[1]", equalTo("2001:db8:210::/48"));
        viewer().get(BASE + "/namespaces/default/networkpolicies/allow-vendors").then().statusCode(200)
                .body("spec.egress[0].destination.selector", equalTo("role == 'vendors'"));

        Response replaced = editor().contentType("application/yaml")
                .body(viewer().accept("application/yaml").get(BASE + "/felixconfigurations/default").asString())
                .put(BASE + "/felixconfigurations/default");
        replaced.then().statusCode(200);
        assertThat(replaced.headers().getValues("Warning")).anyMatch(w -> w.contains("spec.vxlanVNI"));
    }
}
