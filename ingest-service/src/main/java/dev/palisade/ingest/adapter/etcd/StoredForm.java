package dev.palisade.ingest.adapter.etcd;

import dev.palisade.model.codec.ResourceCodec;
import dev.palisade.model.resource.Resource;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;

import java.nio.charset.StandardCharsets;

/**
 * How a resource is kept in etcd: its JSON without {@code resourceVersion}, which is etcd's mod revision
 * of the key and is put back on every read.
 */
final class StoredForm {

    private final ResourceCodec codec;

    StoredForm(ResourceCodec codec) {
        this.codec = codec;
    }

    ByteSequence encode(Resource resource) {
        Resource bare = resource.withMetadata(resource.metadata().withServerFields(null,
                resource.metadata().uid(), resource.metadata().creationTimestamp()));
        return ByteSequence.from(codec.toJson(bare), StandardCharsets.UTF_8);
    }

    Resource decode(KeyValue kv) {
        return decode(kv.getValue(), kv.getModRevision());
    }

    Resource decode(ByteSequence value, long modRevision) {
        Resource resource = codec.decodeSingle(value.toString(StandardCharsets.UTF_8));
        return resource.withMetadata(resource.metadata().withServerFields(Long.toString(modRevision),
                resource.metadata().uid(), resource.metadata().creationTimestamp()));
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
