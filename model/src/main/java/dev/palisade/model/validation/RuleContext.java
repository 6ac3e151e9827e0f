package dev.palisade.model.validation;

/**
 * Where a rule sits: its direction, and whether it belongs to a cluster-wide resource (GNP, Profile), whose
 * service matches have no own namespace to fall back on.
 */
record RuleContext(boolean egress, boolean clusterScoped) {
}
