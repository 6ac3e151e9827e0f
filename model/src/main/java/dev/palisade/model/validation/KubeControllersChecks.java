package dev.palisade.model.validation;

import dev.palisade.model.net.Cidr;
import dev.palisade.model.resource.KubeControllersConfiguration;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.AutoHostEndpointTemplate;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.HostEndpointController;
import dev.palisade.model.resource.KubeControllersConfigurationSpec.NodeController;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The singleton {@code default} and its node controller's automatic host endpoint settings (spec §1.9). */
final class KubeControllersChecks {

    private static final Set<String> SWITCH = Set.of("Enabled", "Disabled");
    private static final String NODE = "spec.controllers.node";

    private KubeControllersChecks() {
    }

    static void check(KubeControllersConfiguration kcc, Problems problems) {
        if (kcc.metadata() != null && kcc.metadata().name() != null
                && !KubeControllersConfiguration.DEFAULT_NAME.equals(kcc.metadata().name())) {
            problems.add("metadata.name", "KubeControllersConfiguration is a singleton: name must be 'default'");
        }
        if (kcc.spec().controllers() == null || kcc.spec().controllers().node() == null) {
            return;
        }
        NodeController node = kcc.spec().controllers().node();
        enabledOrDisabled(NODE + ".syncLabels", node.syncLabels(), problems);
        HostEndpointController hep = node.hostEndpoint();
        if (hep == null) {
            return;
        }
        enabledOrDisabled(NODE + ".hostEndpoint.autoCreate", hep.autoCreate(), problems);
        enabledOrDisabled(NODE + ".hostEndpoint.createDefaultHostEndpoint", hep.createDefaultHostEndpoint(), problems);
        List<AutoHostEndpointTemplate> templates = hep.templates();
        for (int i = 0; i < templates.size(); i++) {
            template(Problems.index(NODE + ".hostEndpoint.templates", i), templates.get(i), problems);
        }
    }

    private static void template(String path, AutoHostEndpointTemplate t, Problems problems) {
        String missing = Names.required(t.generateName(), "generateName");
        problems.addIfPresent(path + ".generateName", missing != null ? missing : Names.subdomain(t.generateName()));
        for (int i = 0; i < t.interfaceCIDRs().size(); i++) {
            if (Cidr.parse(t.interfaceCIDRs().get(i)).isEmpty()) {
                problems.add(Problems.index(path + ".interfaceCIDRs", i), "invalid CIDR");
            }
        }
        if (t.interfacePattern() != null) {
            try {
                Pattern.compile(t.interfacePattern());
            } catch (PatternSyntaxException e) {
                problems.add(path + ".interfacePattern", "invalid regular expression: " + e.getDescription());
            }
        }
        SelectorChecks.withoutGlobal(path + ".nodeSelector", t.nodeSelector() == null ? "" : t.nodeSelector(),
                problems);
        MetadataChecks.labels(path + ".labels", t.labels(), problems);
        MetadataChecks.annotations(path + ".annotations", t.annotations(), problems);
    }

    private static void enabledOrDisabled(String path, String value, Problems problems) {
        if (value != null && !SWITCH.contains(value)) {
            problems.add(path, "must be Enabled or Disabled");
        }
    }
}
