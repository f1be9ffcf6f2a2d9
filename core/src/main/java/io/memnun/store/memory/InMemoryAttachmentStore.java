package io.memnun.store.memory;

import io.memnun.feedback.AttachmentRef;
import io.memnun.feedback.TenantId;
import io.memnun.spi.AttachmentStore;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Attachments in a map, per tenant: for tests, examples and hosts that keep nothing on disk. Thread-safe. */
public final class InMemoryAttachmentStore implements AttachmentStore {
    private record Key(TenantId tenant, String id) {}

    private final ConcurrentMap<Key, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public AttachmentRef store(TenantId tenant, String fileName, String mediaType, byte[] content) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(content, "content");
        // validate the reference before keeping the bytes, so a refused name stores nothing
        AttachmentRef ref = new AttachmentRef("att-" + UUID.randomUUID(), fileName, mediaType, content.length);
        files.put(new Key(tenant, ref.id()), content.clone());
        return ref;
    }

    @Override
    public Optional<byte[]> read(TenantId tenant, String id) {
        byte[] b = files.get(new Key(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(id, "id")));
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    @Override
    public boolean delete(TenantId tenant, String id) {
        return files.remove(new Key(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(id, "id"))) != null;
    }

    /** How many attachments are stored, over all tenants. */
    public int size() {
        return files.size();
    }
}
