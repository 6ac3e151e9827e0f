package dev.palisade.model.semantics;

import dev.palisade.model.resource.NetworkSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What rule selectors see of a namespaced NetworkSet, as Calico's update processor hands it to Felix: its
 * labels plus {@code projectcalico.org/namespace: <namespace>}, and the namespace's profile
 * {@code kns.<namespace>} as parent, whose {@code labelsToApply} (the {@code pcns.}-prefixed namespace labels
 * an imported install carries) are inherited where the set has no label of that name. One definition for the
 * simulator and the policy calculator.
 */
public final class NetworkSetLabels {

    public static final String NAMESPACE_PROFILE_PREFIX = "kns.";

    private NetworkSetLabels() {
    }

    public static Map<String, String> own(NetworkSet set) {
        Map<String, String> labels = new LinkedHashMap<>(set.metadata().labels());
        labels.put(PeerSelectors.NAMESPACE_LABEL, set.metadata().namespace());
        return labels;
    }

    public static List<String> profiles(NetworkSet set) {
        return List.of(NAMESPACE_PROFILE_PREFIX + set.metadata().namespace());
    }
}
