package dev.palisade.calculator.engine;

import dev.palisade.model.resource.Resource;
import dev.palisade.model.resource.ResourceKey;

import java.util.Objects;

/**
 * One datastore change: the resource's new value, or null when it no longer exists (or is invalid, see
 * {@link ValidationFilter}). Nodes decide existence from the value, never from a kind of event, so a repeated,
 * coalesced or spurious delete does no harm.
 */
public record Update(ResourceKey key, Resource value) {

    public Update {
        Objects.requireNonNull(key, "key");
        if (value != null && !value.key().equals(key)) {
            throw new IllegalArgumentException("value " + value.key() + " does not belong under key " + key);
        }
    }

    public static Update of(Resource value) {
        return new Update(value.key(), value);
    }

    public static Update deleted(ResourceKey key) {
        return new Update(key, null);
    }

    public boolean exists() {
        return value != null;
    }
}
