package dev.palisade.hepcontroller.core;

import dev.palisade.model.resource.HostEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store port in memory, for the core's unit tests: assigns resourceVersion, uid and creationTimestamp
 * like a datastore, refuses stale updates and duplicate creates, and logs every write.
 */
final class InMemoryHostEndpointStore implements HostEndpointStore {

    private final TreeMap<String, HostEndpoint> heps = new TreeMap<>();
    private final List<String> writes = new ArrayList<>();
    private long revision;
    private int failuresToInject;

    /** Puts an endpoint in place as if someone else had written it (no write is logged). */
    HostEndpoint seed(HostEndpoint hep) {
        HostEndpoint stored = stamp(hep, hep.metadata().uid() == null ? "uid-" + hep.metadata().name() : hep.metadata().uid());
        heps.put(hep.metadata().name(), stored);
        return stored;
    }

    void failNextWrites(int count) {
        failuresToInject = count;
    }

    /** "create x", "update x", "delete x" in call order. */
    List<String> writes() {
        return List.copyOf(writes);
    }

    void clearWrites() {
        writes.clear();
    }

    @Override
    public Optional<HostEndpoint> get(String name) {
        return Optional.ofNullable(heps.get(name));
    }

    @Override
    public List<HostEndpoint> list() {
        return List.copyOf(heps.values());
    }

    @Override
    public HostEndpoint create(HostEndpoint hep) {
        String name = hep.metadata().name();
        write("create " + name);
        if (heps.containsKey(name)) {
            throw new StoreException("HostEndpoint \"" + name + "\" already exists");
        }
        HostEndpoint stored = stamp(hep, "uid-" + name);
        heps.put(name, stored);
        return stored;
    }

    @Override
    public HostEndpoint update(HostEndpoint hep) {
        String name = hep.metadata().name();
        write("update " + name);
        HostEndpoint current = heps.get(name);
        if (current == null || !current.metadata().resourceVersion().equals(hep.metadata().resourceVersion())) {
            throw new StoreException("conflict on HostEndpoint \"" + name + "\"");
        }
        if (!current.metadata().uid().equals(hep.metadata().uid())
                || !current.metadata().creationTimestamp().equals(hep.metadata().creationTimestamp())) {
            throw new StoreException("update of \"" + name + "\" changed uid or creationTimestamp");
        }
        HostEndpoint stored = stamp(hep, current.metadata().uid());
        heps.put(name, stored);
        return stored;
    }

    @Override
    public void delete(String name) {
        write("delete " + name);
        heps.remove(name);
    }

    private void write(String op) {
        writes.add(op);
        if (failuresToInject > 0) {
            failuresToInject--;
            throw new StoreException("injected failure on " + op);
        }
    }

    private HostEndpoint stamp(HostEndpoint hep, String uid) {
        revision++;
        String created = hep.metadata().creationTimestamp() != null
                ? hep.metadata().creationTimestamp() : "2026-01-01T00:00:" + String.format("%02d", revision % 60) + "Z";
        return hep.withMetadata(hep.metadata().withServerFields(Long.toString(revision), uid, created));
    }
}
