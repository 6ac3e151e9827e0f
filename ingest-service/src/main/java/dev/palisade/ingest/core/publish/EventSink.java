package dev.palisade.ingest.core.publish;

import dev.palisade.model.event.ResourceEvent;

import java.util.List;

/** Where events go (the {@code palisade.resources} topic); returns once all are durably written, in order. */
public interface EventSink {
    void publish(List<ResourceEvent> events);

    /** Marks the end of a resync snapshot taken at {@code revision}. */
    void publishResyncDone(long revision);
}
